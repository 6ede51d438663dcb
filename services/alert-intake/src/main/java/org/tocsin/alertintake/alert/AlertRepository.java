package org.tocsin.alertintake.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import tools.jackson.databind.json.JsonMapper;

/** Alerts, their published versions and the zones they use, in PostgreSQL. */
@Repository
class AlertRepository {

  private static final String ALERT_COLUMNS = "id, state, content::text, version, created_by, "
      + "created_by_issuer, created_by_subject, created_at, issue_requested_by, approved_by, "
      + "updated_at, imported_from";
  private static final String VERSION_COLUMNS = "alert_id, version, identifier, sender, "
      + "msg_type, sent, issued_by, approved_by, content::text, area::text, content_hash";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AlertRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Filters of the alert list; null matches anything.
   *
   * @param awaitingApproval whether a message of the alert waits for a second person
   */
  record Filter(AlertState state, AlertStatus status, Severity severity, String createdBy,
                Instant createdFrom, Instant createdTo, Boolean awaitingApproval) {
  }

  void insert(Alert alert) {
    jdbc.sql("""
            INSERT INTO alerts (id, state, status, severity, event, content, version, created_by,
                                created_by_issuer, created_by_subject, created_at,
                                issue_requested_by, approved_by, updated_at, expires,
                                imported_from)
            VALUES (:id, :state, :status, :severity, :event, CAST(:content AS jsonb), :version,
                    :createdBy, :createdByIssuer, :createdBySubject, :createdAt,
                    :issueRequestedBy, :approvedBy, :updatedAt, :expires, :importedFrom)
            """)
        .param("id", alert.id())
        .param("state", alert.state().name())
        .param("status", alert.content().status().name())
        .param("severity", alert.content().severity().name())
        .param("event", alert.content().event())
        .param("content", json.writeValueAsString(alert.content()))
        .param("version", alert.version())
        .param("createdBy", alert.createdBy().name())
        .param("createdByIssuer", alert.createdBy().issuer())
        .param("createdBySubject", alert.createdBy().subject())
        .param("createdAt", Timestamp.from(alert.createdAt()))
        .param("issueRequestedBy", alert.issueRequestedBy())
        .param("approvedBy", alert.approvedBy())
        .param("updatedAt", Timestamp.from(alert.updatedAt()))
        .param("expires", Timestamp.from(alert.content().expires()))
        .param("importedFrom", alert.importedFrom())
        .update();
  }

  void update(Alert alert) {
    jdbc.sql("""
            UPDATE alerts SET state = :state, status = :status, severity = :severity,
                event = :event, content = CAST(:content AS jsonb), version = :version,
                issue_requested_by = :issueRequestedBy, approved_by = :approvedBy,
                updated_at = :updatedAt, expires = :expires
            WHERE id = :id
            """)
        .param("id", alert.id())
        .param("state", alert.state().name())
        .param("status", alert.content().status().name())
        .param("severity", alert.content().severity().name())
        .param("event", alert.content().event())
        .param("content", json.writeValueAsString(alert.content()))
        .param("version", alert.version())
        .param("issueRequestedBy", alert.issueRequestedBy())
        .param("approvedBy", alert.approvedBy())
        .param("updatedAt", Timestamp.from(alert.updatedAt()))
        .param("expires", Timestamp.from(alert.content().expires()))
        .update();
  }

  Optional<Alert> find(UUID id) {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?").param(id)
        .query((rs, n) -> alert(rs)).optional();
  }

  /** The alert, its row locked until the transaction ends: changes of one alert queue up. */
  Optional<Alert> lock(UUID id) {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ? FOR UPDATE").param(id)
        .query((rs, n) -> alert(rs)).optional();
  }

  List<Alert> list(Filter filter, int offset, int limit) {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alerts"
            + " WHERE (CAST(:state AS text) IS NULL OR state = :state)"
            + " AND (CAST(:status AS text) IS NULL OR status = :status)"
            + " AND (CAST(:severity AS text) IS NULL OR severity = :severity)"
            + " AND (CAST(:createdBy AS text) IS NULL OR created_by = :createdBy)"
            + " AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)"
            + " AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)"
            + " AND (CAST(:awaiting AS boolean) IS NULL OR EXISTS (SELECT 1 FROM alert_approvals"
            + " p WHERE p.alert_id = alerts.id AND p.state = 'PENDING') = :awaiting)"
            + " ORDER BY created_at DESC, id OFFSET :offset LIMIT :limit")
        .param("state", filter.state() == null ? null : filter.state().name())
        .param("status", filter.status() == null ? null : filter.status().name())
        .param("severity", filter.severity() == null ? null : filter.severity().name())
        .param("createdBy", filter.createdBy())
        .param("from", filter.createdFrom() == null ? null : Timestamp.from(filter.createdFrom()))
        .param("to", filter.createdTo() == null ? null : Timestamp.from(filter.createdTo()))
        .param("awaiting", filter.awaitingApproval())
        .param("offset", offset)
        .param("limit", limit)
        .query((rs, n) -> alert(rs)).list();
  }

  /** Ids of active alerts past their expiry, locked; those another transaction holds are skipped. */
  List<UUID> lockDueForExpiry(Instant now, int limit) {
    return jdbc.sql("SELECT id FROM alerts WHERE state IN ('DRAFT', 'APPROVAL_REQUIRED', "
            + "'ISSUED', 'UPDATED') AND expires <= ? ORDER BY expires LIMIT ? "
            + "FOR UPDATE SKIP LOCKED")
        .param(Timestamp.from(now)).param(limit).query(UUID.class).list();
  }

  void insertVersion(AlertVersion version) {
    jdbc.sql("""
            INSERT INTO alert_versions (alert_id, version, identifier, sender, msg_type, sent,
                                        issued_by, approved_by, content, area, content_hash)
            VALUES (:alertId, :version, :identifier, :sender, :msgType, :sent, :issuedBy,
                    :approvedBy, CAST(:content AS jsonb), CAST(:area AS jsonb), :contentHash)
            """)
        .param("alertId", version.alertId())
        .param("version", version.version())
        .param("identifier", version.identifier())
        .param("sender", version.sender())
        .param("msgType", version.msgType().name())
        .param("sent", Timestamp.from(version.sent()))
        .param("issuedBy", version.issuedBy())
        .param("approvedBy", version.approvedBy())
        .param("content", json.writeValueAsString(version.content()))
        .param("area", json.writeValueAsString(version.area()))
        .param("contentHash", version.contentHash())
        .update();
  }

  /** Every published version, oldest first. */
  List<AlertVersion> versions(UUID alertId) {
    return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM alert_versions WHERE alert_id = ? "
        + "ORDER BY version").param(alertId).query((rs, n) -> version(rs)).list();
  }

  Optional<AlertVersion> versionByIdentifier(String identifier) {
    return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM alert_versions WHERE identifier = ?")
        .param(identifier).query((rs, n) -> version(rs)).optional();
  }

  void replaceZones(UUID alertId, Collection<String> zoneIds) {
    clearZones(alertId);
    for (String zoneId : zoneIds) {
      jdbc.sql("INSERT INTO alert_zones (alert_id, zone_id) VALUES (?, ?)")
          .param(alertId).param(zoneId).update();
    }
  }

  void clearZones(UUID alertId) {
    jdbc.sql("DELETE FROM alert_zones WHERE alert_id = ?").param(alertId).update();
  }

  /** Alerts not over whose area, or whose message awaiting approval, uses the zone. */
  List<String> activeAlertsUsing(String zoneId) {
    return jdbc.sql("SELECT CAST(a.id AS text) FROM alerts a WHERE a.state IN ('DRAFT', "
            + "'APPROVAL_REQUIRED', 'ISSUED', 'UPDATED') AND (EXISTS (SELECT 1 FROM alert_zones "
            + "z WHERE z.alert_id = a.id AND z.zone_id = :zone) OR EXISTS (SELECT 1 FROM "
            + "alert_approvals p WHERE p.alert_id = a.id AND p.state = 'PENDING' AND "
            + "p.requested_area -> 'zoneIds' @> jsonb_build_array(CAST(:zone AS text)))) "
            + "ORDER BY a.created_at")
        .param("zone", zoneId).query(String.class).list();
  }

  private Alert alert(ResultSet rs) throws SQLException {
    return new Alert(rs.getObject("id", UUID.class), AlertState.valueOf(rs.getString("state")),
        json.readValue(rs.getString("content"), AlertContent.class), rs.getInt("version"),
        new Person(rs.getString("created_by_issuer"), rs.getString("created_by_subject"),
            rs.getString("created_by")), rs.getTimestamp("created_at").toInstant(),
        rs.getString("issue_requested_by"), rs.getString("approved_by"),
        rs.getTimestamp("updated_at").toInstant(), rs.getString("imported_from"));
  }

  private AlertVersion version(ResultSet rs) throws SQLException {
    return new AlertVersion(rs.getObject("alert_id", UUID.class), rs.getInt("version"),
        rs.getString("identifier"), rs.getString("sender"),
        MessageType.valueOf(rs.getString("msg_type")), rs.getTimestamp("sent").toInstant(),
        rs.getString("issued_by"), rs.getString("approved_by"),
        json.readValue(rs.getString("content"), AlertContent.class),
        json.readValue(rs.getString("area"), ResolvedArea.class), rs.getString("content_hash"));
  }
}
