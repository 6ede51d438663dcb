package org.tocsin.alertintake.cap;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The CAP Alert messages imported, by their identity (sender, identifier). */
@Repository
class CapImportRepository {

  private final JdbcClient jdbc;

  CapImportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UUID> alertOf(String sender, String identifier) {
    return jdbc.sql("SELECT alert_id FROM cap_imports WHERE sender = ? AND identifier = ?")
        .param(sender).param(identifier).query(UUID.class).optional();
  }

  /** Records the import; false if the message was recorded already (by a concurrent import). */
  boolean record(String sender, String identifier, UUID alertId, Instant at) {
    return jdbc.sql("""
            INSERT INTO cap_imports (sender, identifier, alert_id, imported_at)
            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        .param(sender).param(identifier).param(alertId).param(Timestamp.from(at))
        .update() == 1;
  }
}
