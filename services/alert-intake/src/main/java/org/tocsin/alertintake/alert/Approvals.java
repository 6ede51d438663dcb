package org.tocsin.alertintake.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.events.v1.MessageType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests for approval and what became of them, kept. At most one per alert is PENDING (a
 * unique index makes sure of it).
 */
@Repository
class Approvals {

  private static final String COLUMNS = "id, alert_id, msg_type, content::text, "
      + "requested_area::text, requested_hash, drafted_by, drafted_by_issuer, drafted_by_subject, "
      + "requested_by, requested_by_issuer, requested_by_subject, requested_at, state";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Approvals(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Approval insert(UUID alertId, MessageType msgType, AlertContent content, ResolvedArea area,
                  String hash, Person draftedBy, Person requestedBy, Instant at) {
    long id = jdbc.sql("""
            INSERT INTO alert_approvals (alert_id, msg_type, content, requested_area,
                requested_hash, drafted_by, drafted_by_issuer, drafted_by_subject, requested_by,
                requested_by_issuer, requested_by_subject, requested_at, state)
            VALUES (:alertId, :msgType, CAST(:content AS jsonb), CAST(:area AS jsonb), :hash,
                :draftedBy, :draftedByIssuer, :draftedBySubject, :requestedBy,
                :requestedByIssuer, :requestedBySubject, :at, 'PENDING')
            RETURNING id
            """)
        .param("alertId", alertId)
        .param("msgType", msgType.name())
        .param("content", json.writeValueAsString(content))
        .param("area", json.writeValueAsString(area))
        .param("hash", hash)
        .param("draftedBy", draftedBy.name())
        .param("draftedByIssuer", draftedBy.issuer())
        .param("draftedBySubject", draftedBy.subject())
        .param("requestedBy", requestedBy.name())
        .param("requestedByIssuer", requestedBy.issuer())
        .param("requestedBySubject", requestedBy.subject())
        .param("at", Timestamp.from(at))
        .query(Long.class).single();
    return new Approval(id, alertId, msgType, content, area, hash, draftedBy, requestedBy, at,
        ApprovalState.PENDING);
  }

  Optional<Approval> pending(UUID alertId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alert_approvals WHERE alert_id = ? AND state = "
            + "'PENDING'")
        .param(alertId).query((rs, n) -> approval(rs)).optional();
  }

  /**
   * Closes a pending request.
   *
   * @param version the version it was published as, if approved
   * @param hash the hash it was approved with, if approved
   */
  void close(long id, ApprovalState state, Person by, Instant at, Integer version, String hash,
             String reason) {
    jdbc.sql("""
            UPDATE alert_approvals SET state = :state, decided_by = :by,
                decided_by_issuer = :byIssuer, decided_by_subject = :bySubject, decided_at = :at,
                published_version = :version, approved_hash = :hash, reason = :reason
            WHERE id = :id AND state = 'PENDING'
            """)
        .param("id", id)
        .param("state", state.name())
        .param("by", by.name())
        .param("byIssuer", by.issuer())
        .param("bySubject", by.subject())
        .param("at", Timestamp.from(at))
        .param("version", version)
        .param("hash", hash)
        .param("reason", reason)
        .update();
  }

  private Approval approval(ResultSet rs) throws SQLException {
    return new Approval(rs.getLong("id"), rs.getObject("alert_id", UUID.class),
        MessageType.valueOf(rs.getString("msg_type")),
        json.readValue(rs.getString("content"), AlertContent.class),
        json.readValue(rs.getString("requested_area"), ResolvedArea.class),
        rs.getString("requested_hash"),
        new Person(rs.getString("drafted_by_issuer"), rs.getString("drafted_by_subject"),
            rs.getString("drafted_by")),
        new Person(rs.getString("requested_by_issuer"), rs.getString("requested_by_subject"),
            rs.getString("requested_by")),
        rs.getTimestamp("requested_at").toInstant(), ApprovalState.valueOf(rs.getString("state")));
  }
}
