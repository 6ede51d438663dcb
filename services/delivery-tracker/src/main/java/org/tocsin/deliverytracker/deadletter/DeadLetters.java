package org.tocsin.deliverytracker.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tocsin.deliverytracker.security.Person;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/** The dead letters the tracker read, and the audit of their replays, in PostgreSQL. */
@Repository
public class DeadLetters {

  private static final String COLUMNS = "topic, partition, record_offset, channel, task_id,"
      + " alert_id, alert_version, lane, original_topic, error_code, reason, dead_lettered_at,"
      + " replayed_by";

  private final JdbcTemplate jdbc;

  public DeadLetters(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Newest first; {@code channel} and {@code alertId} narrow it down when given. */
  public List<DeadLetter> list(Channel channel, String alertId, boolean waitingOnly, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from dead_letters where true");
    List<Object> arguments = new ArrayList<>();
    if (channel != null) {
      sql.append(" and channel = ?");
      arguments.add(channel.name());
    }
    if (alertId != null) {
      sql.append(" and alert_id = ?");
      arguments.add(alertId);
    }
    if (waitingOnly) {
      sql.append(" and replayed_by is null");
    }
    sql.append(" order by dead_lettered_at desc, record_offset desc limit ?");
    arguments.add(limit);
    return jdbc.query(sql.toString(), DeadLetters::letter, arguments.toArray());
  }

  /**
   * Claims a dead letter for a replay, so that no other replay takes it: false if it is unknown
   * or was replayed already. The claim holds until the surrounding transaction ends.
   */
  boolean claim(DeadLetterKey key, UUID replay) {
    return jdbc.update("update dead_letters set replayed_by = ? where topic = ? and partition = ?"
        + " and record_offset = ? and replayed_by is null", replay, key.topic(),
        key.partition(), key.offset()) == 1;
  }

  DeadLetter find(DeadLetterKey key) {
    return jdbc.query("select " + COLUMNS + " from dead_letters where topic = ? and partition = ?"
        + " and record_offset = ?", DeadLetters::letter, key.topic(), key.partition(),
        key.offset()).stream().findFirst().orElse(null);
  }

  void audit(UUID replay, Instant at, Person person, String reason, String selection,
             List<ReplayReport.Item> items) {
    long replayed = items.stream().filter(item -> item.outcome() == ReplayOutcome.REPLAYED)
        .count();
    jdbc.update("insert into replays (id, requested_at, issuer, subject, person, reason,"
        + " selection, replayed, refused) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", replay,
        Timestamp.from(at), person.issuer(), person.subject(), person.name(), reason, selection,
        (int) replayed, items.size() - (int) replayed);
    jdbc.batchUpdate("insert into replay_items (replay_id, topic, partition, record_offset,"
        + " task_id, outcome) values (?, ?, ?, ?, ?, ?)", items, items.size(),
        (statement, item) -> {
          statement.setObject(1, replay);
          statement.setString(2, item.letter().topic());
          statement.setInt(3, item.letter().partition());
          statement.setLong(4, item.letter().offset());
          statement.setString(5, item.taskId() == null ? "" : item.taskId());
          statement.setString(6, item.outcome().name());
        });
  }

  /** The audit of replays, newest first. */
  public List<ReplayAudit> replays(int limit) {
    return jdbc.query("select id, requested_at, person, subject, reason, selection, replayed,"
        + " refused from replays order by requested_at desc limit ?", (row, n) ->
        new ReplayAudit((UUID) row.getObject(1), row.getTimestamp(2).toInstant(),
            row.getString(3), row.getString(4), row.getString(5), row.getString(6),
            row.getInt(7), row.getInt(8)), limit);
  }

  private static DeadLetter letter(ResultSet row, int number) throws SQLException {
    Object replayedBy = row.getObject(13);
    return new DeadLetter(row.getString(1), row.getInt(2), row.getLong(3),
        Channel.valueOf(row.getString(4)), row.getString(5), row.getString(6), row.getInt(7),
        Lane.valueOf(row.getString(8)), row.getString(9), row.getString(10), row.getString(11),
        row.getTimestamp(12).toInstant(), replayedBy == null ? null : replayedBy.toString());
  }
}
