package org.tocsin.alertintake.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.alertintake.operator.Operator;

/** Every state change of every alert, kept: who, what, when and from where. */
@Repository
class AuditTrail {

  private final JdbcClient jdbc;

  AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(AuditEntry entry) {
    jdbc.sql("""
            INSERT INTO alert_audit (alert_id, at, actor, actor_issuer, actor_subject, action,
                                     from_state, to_state, version, remote_address, user_agent,
                                     detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(entry.alertId(), Timestamp.from(entry.at()), entry.actor(),
            entry.actorIssuer(), entry.actorSubject(), entry.action(),
            entry.fromState() == null ? null : entry.fromState().name(), entry.toState().name(),
            entry.version(), entry.remoteAddress(), entry.userAgent(), entry.detail())
        .update();
  }

  List<AuditEntry> of(UUID alertId) {
    return jdbc.sql("SELECT alert_id, at, actor, actor_issuer, actor_subject, action, "
            + "from_state, to_state, version, remote_address, user_agent, detail FROM alert_audit "
            + "WHERE alert_id = ? ORDER BY id")
        .param(alertId)
        .query((rs, n) -> new AuditEntry(rs.getObject(1, UUID.class),
            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7) == null ? null : AlertState.valueOf(rs.getString(7)),
            AlertState.valueOf(rs.getString(8)), rs.getInt(9), rs.getString(10),
            rs.getString(11), rs.getString(12)))
        .list();
  }

  /** Records what {@code operator} did to {@code alert}, which is now as given. */
  void record(Alert alert, Operator operator, String action, AlertState from, String detail,
              Instant at) {
    record(new AuditEntry(alert.id(), at, operator.name(), operator.person().issuer(),
        operator.person().subject(), action, from, alert.state(), alert.version(),
        operator.remoteAddress(), operator.userAgent(), detail));
  }
}
