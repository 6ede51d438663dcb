package org.tocsin.alertintake.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Requests accepted under an {@code Idempotency-Key}, per operator, with their first response.
 * A key is stored in the transaction of the change it made, so the key exists if and only if
 * the change does.
 */
@Repository
class IdempotencyKeys {

  /** The first response to a request. */
  record Stored(String requestHash, int status, String body) {
  }

  private final JdbcClient jdbc;

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> find(String principal, String key) {
    return jdbc.sql("SELECT request_hash, response_status, response_body FROM idempotency_keys "
            + "WHERE principal = ? AND idempotency_key = ?")
        .params(principal, key)
        .query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
        .optional();
  }

  /** @throws org.springframework.dao.DuplicateKeyException if a concurrent request stored it */
  void store(String principal, String key, String requestHash, int status, String body,
             Instant at) {
    jdbc.sql("INSERT INTO idempotency_keys (principal, idempotency_key, request_hash, "
            + "response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(principal, key, requestHash, status, body, Timestamp.from(at))
        .update();
  }

  int forgetOlderThan(Instant before) {
    return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?")
        .param(Timestamp.from(before)).update();
  }
}
