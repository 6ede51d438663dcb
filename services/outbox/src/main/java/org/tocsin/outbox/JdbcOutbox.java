package org.tocsin.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tocsin.events.topics.Topic;

/** The outbox as a PostgreSQL table, written with the caller's connection and transaction. */
public final class JdbcOutbox implements Outbox {

  static final String NOTIFICATION_CHANNEL = "tocsin_outbox";

  private final JdbcTemplate jdbc;
  private final int maxEventBytes;

  public JdbcOutbox(JdbcTemplate jdbc, int maxEventBytes) {
    this.jdbc = jdbc;
    this.maxEventBytes = maxEventBytes;
  }

  @Override
  public <V> void add(Topic<String, V> topic, String key, V value) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("An outbox event must be added inside the transaction of "
          + "the change it announces");
    }
    byte[] payload = topic.valueSerde().serializer().serialize(topic.name(), value);
    int size = (payload == null ? 0 : payload.length) + key.length();
    if (size > maxEventBytes) {
      throw new OversizedEventException(topic.name(), size, maxEventBytes);
    }
    jdbc.update("INSERT INTO tocsin_outbox (topic, record_key, payload) VALUES (?, ?, ?)",
        topic.name(), key, payload);
    // Delivered at commit, and only once per transaction whatever the number of events.
    jdbc.queryForObject("SELECT pg_notify(?, '')", Object.class, NOTIFICATION_CHANNEL);
  }
}
