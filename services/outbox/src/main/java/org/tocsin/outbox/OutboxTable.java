package org.tocsin.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/** What the relay does with the {@code tocsin_outbox} table, on one connection of its own. */
final class OutboxTable {

  /** Advisory lock that elects the relaying instance; each service has a database of its own. */
  private static final long RELAY_LOCK = 0x70C5_1A_0B_0000_0001L;

  record Row(long id, String topic, String key, byte[] payload) {
  }

  record Backlog(long count, Instant oldest) {
  }

  private final Connection connection;

  OutboxTable(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true);
  }

  /** Takes the relay's lock if no other session holds it. */
  boolean tryLock() throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, RELAY_LOCK);
      try (ResultSet result = lock.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  /** Releases the lock and stops listening; closing the session would do it as well. */
  void unlock() throws SQLException {
    try (Statement release = connection.createStatement()) {
      release.execute("UNLISTEN *");
      release.execute("SELECT pg_advisory_unlock_all()");
    }
  }

  void listen() throws SQLException {
    try (Statement listen = connection.createStatement()) {
      listen.execute("LISTEN " + JdbcOutbox.NOTIFICATION_CHANNEL);
    }
  }

  /** Waits up to {@code millis} for a commit that added events. */
  void awaitNotification(int millis) throws SQLException {
    connection.unwrap(PGConnection.class).getNotifications(millis);
  }

  List<Row> nextBatch(int size) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, topic, record_key, payload FROM tocsin_outbox ORDER BY id LIMIT ?")) {
      select.setInt(1, size);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
              result.getBytes(4)));
        }
      }
    }
    return rows;
  }

  void delete(List<Row> batch) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM tocsin_outbox WHERE id = ANY (?)")) {
      delete.setArray(1, connection.createArrayOf("bigint",
          batch.stream().map(Row::id).toArray(Long[]::new)));
      delete.executeUpdate();
    }
  }

  Backlog backlog() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(
             "SELECT count(*), min(created_at) FROM tocsin_outbox")) {
      result.next();
      Timestamp oldest = result.getTimestamp(2);
      return new Backlog(result.getLong(1), oldest == null ? null : oldest.toInstant());
    }
  }
}
