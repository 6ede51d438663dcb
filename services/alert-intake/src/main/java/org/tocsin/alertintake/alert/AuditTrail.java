package org.tocsin.alertintake.alert;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every state change of every alert, kept: who, what, when and from where. */
@Repository
class AuditTrail {

  private final JdbcClient jdbc;

  AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(AuditEntry entry) {
    jdbc.sql("""
            INSERT INTO alert_audit (alert_id, at, actor, action, from_state, to_state, version,
                                     remote_address, user_agent, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(entry.alertId(), Timestamp.from(entry.at()), entry.actor(), entry.action(),
            entry.fromState() == null ? null : entry.fromState().name(), entry.toState().name(),
            entry.version(), entry.remoteAddress(), entry.userAgent(), entry.detail())
        .update();
  }

  List<AuditEntry> of(UUID alertId) {
    return jdbc.sql("SELECT alert_id, at, actor, action, from_state, to_state, version, "
            + "remote_address, user_agent, detail FROM alert_audit WHERE alert_id = ? ORDER BY id")
        .param(alertId)
        .query((rs, n) -> new AuditEntry(rs.getObject(1, UUID.class),
            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
            rs.getString(5) == null ? null : AlertState.valueOf(rs.getString(5)),
            AlertState.valueOf(rs.getString(6)), rs.getInt(7), rs.getString(8), rs.getString(9),
            rs.getString(10)))
        .list();
  }
}
