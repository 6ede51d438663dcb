package org.tocsin.alertintake.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.alertintake.operator.Person;

/**
 * Requests accepted under an {@code Idempotency-Key}, per person (issuer and subject), with
 * their first response.
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

  Optional<Stored> find(Person person, String key) {
    return jdbc.sql("SELECT request_hash, response_status, response_body FROM idempotency_keys "
            + "WHERE issuer = ? AND principal = ? AND idempotency_key = ?")
        .params(person.issuer(), person.subject(), key)
        .query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
        .optional();
  }

  /** @throws org.springframework.dao.DuplicateKeyException if a concurrent request stored it */
  void store(Person person, String key, String requestHash, int status, String body,
             Instant at) {
    jdbc.sql("INSERT INTO idempotency_keys (issuer, principal, idempotency_key, request_hash, "
            + "response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(person.issuer(), person.subject(), key, requestHash, status, body,
            Timestamp.from(at))
        .update();
  }

  int forgetOlderThan(Instant before) {
    return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?")
        .param(Timestamp.from(before)).update();
  }
}
