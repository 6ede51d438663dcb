package org.tocsin.deliverytracker.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.deadletter.DeadLetter;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.SeriesCodec;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.quarantine.QuarantineEntry;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;

/**
 * The tracker's state in PostgreSQL: checkpoints written in one transaction with the offsets
 * they reach, read back at start. The figures therefore never depend on how long the topics
 * keep their records, nor on their compaction.
 */
public class TrackerStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public TrackerStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  public Map<TopicPartition, Long> offsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    jdbc.query("select topic, partition, next_offset from tracker_offsets", row -> {
      offsets.put(new TopicPartition(row.getString(1), row.getInt(2)), row.getLong(3));
    });
    return offsets;
  }

  public void write(Checkpoint checkpoint) {
    transactions.executeWithoutResult(status -> {
      writeAlerts(checkpoint.alerts());
      for (Checkpoint.SeriesBlob series : checkpoint.series()) {
        writeSeries(series);
      }
      writeDeadLetters(checkpoint.deadLetters());
      writeQuarantined(checkpoint.quarantined());
      jdbc.batchUpdate("insert into tracker_offsets (topic, partition, next_offset) values (?, ?, ?)"
              + " on conflict (topic, partition) do update set next_offset = excluded.next_offset",
          checkpoint.offsets().entrySet().stream().map(entry -> new Object[] {
              entry.getKey().topic(), entry.getKey().partition(), entry.getValue()}).toList());
    });
  }

  /**
   * Reads every alert version and series, with its task states, into {@code deliveries}.
   *
   * @return how many task states are stored per series (deltas included)
   */
  public Map<SeriesKey, Long> load(Deliveries deliveries) {
    Map<SeriesKey, Long> stored = new HashMap<>();
    jdbc.query("select alert_id, version, identifier, sender, status, msg_type, severity, event,"
        + " headline, area_description, zone_ids, channels, sent, expires, published_at"
        + " from alert_versions", row -> {
          deliveries.alert(new AlertVersion(row.getString(1), row.getInt(2), row.getString(3),
              row.getString(4), AlertStatus.valueOf(row.getString(5)),
              MessageType.valueOf(row.getString(6)), Severity.valueOf(row.getString(7)),
              row.getString(8), row.getString(9), row.getString(10), strings(row.getArray(11)),
              strings(row.getArray(12)).stream().map(Channel::valueOf).toList(),
              row.getTimestamp(13).toInstant(), row.getTimestamp(14).toInstant(),
              row.getTimestamp(15).toInstant()));
        });
    jdbc.query("select figures from series_figures",
        row -> {
          deliveries.restore(SeriesCodec.read(row.getBytes(1)));
        });
    jdbc.query("select alert_id, version, channel, states from series_task_states"
        + " order by alert_id, version, channel, seq", row -> {
          SeriesKey key = new SeriesKey(row.getString(1), row.getInt(2),
              Channel.valueOf(row.getString(3)));
          SeriesFigures series = deliveries.existing(key);
          if (series != null) {
            var states = SeriesCodec.readTasks(row.getBytes(4));
            series.restoreTasks(states);
            stored.merge(key, (long) states.size(), Long::sum);
          }
        });
    return stored;
  }

  /** Drops the task states of these series (their figures stay). */
  public void forgetTaskStates(List<SeriesKey> keys) {
    jdbc.batchUpdate("delete from series_task_states where alert_id = ? and version = ?"
        + " and channel = ?", keys.stream().map(key -> new Object[] {key.alertId(),
        key.version(), key.channel().name()}).toList());
  }

  /** Drops everything of the alerts that expired before {@code before}. */
  public void forgetAlerts(Instant before) {
    transactions.executeWithoutResult(status -> {
      Timestamp limit = Timestamp.from(before);
      for (String table : List.of("series_figures", "series_task_states")) {
        jdbc.update("delete from " + table + " t using alert_versions a where t.alert_id ="
            + " a.alert_id and t.version = a.version and a.expires < ?", limit);
      }
      jdbc.update("delete from alert_versions where expires < ?", limit);
    });
  }

  private void writeAlerts(List<AlertVersion> alerts) {
    jdbc.batchUpdate("insert into alert_versions (alert_id, version, identifier, sender, status,"
        + " msg_type, severity, event, headline, area_description, zone_ids, channels, sent,"
        + " expires, published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " on conflict (alert_id, version) do nothing", alerts, alerts.size(),
        (PreparedStatement statement, AlertVersion alert) -> {
          statement.setString(1, alert.alertId());
          statement.setInt(2, alert.version());
          statement.setString(3, alert.identifier());
          statement.setString(4, alert.sender());
          statement.setString(5, alert.status().name());
          statement.setString(6, alert.msgType().name());
          statement.setString(7, alert.severity().name());
          statement.setString(8, alert.event());
          statement.setString(9, alert.headline());
          statement.setString(10, alert.areaDescription());
          statement.setArray(11, array(statement, alert.zoneIds()));
          statement.setArray(12, array(statement,
              alert.channels().stream().map(Enum::name).toList()));
          statement.setTimestamp(13, Timestamp.from(alert.sent()));
          statement.setTimestamp(14, Timestamp.from(alert.expires()));
          statement.setTimestamp(15, Timestamp.from(alert.publishedAt()));
        });
  }

  private void writeSeries(Checkpoint.SeriesBlob series) {
    jdbc.update("insert into series_figures (alert_id, version, channel, figures, updated_at)"
        + " values (?, ?, ?, ?, now()) on conflict (alert_id, version, channel) do update set"
        + " figures = excluded.figures, updated_at = excluded.updated_at", series.alertId(),
        series.version(), series.channel(), series.figures());
    if (series.taskStates() == null) {
      return;
    }
    long seq = jdbc.queryForObject("select nextval('series_task_states_seq')", Long.class);
    jdbc.update("insert into series_task_states (alert_id, version, channel, seq, full_set,"
        + " states) values (?, ?, ?, ?, ?, ?)", series.alertId(), series.version(),
        series.channel(), seq, series.fullSet(), series.taskStates());
    if (series.fullSet()) {
      jdbc.update("delete from series_task_states where alert_id = ? and version = ? and"
          + " channel = ? and seq < ?", series.alertId(), series.version(), series.channel(),
          seq);
    }
  }

  private void writeDeadLetters(List<DeadLetter> deadLetters) {
    jdbc.batchUpdate("insert into dead_letters (topic, partition, record_offset, channel,"
        + " task_id, alert_id, alert_version, lane, original_topic, error_code, reason,"
        + " dead_lettered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " on conflict do nothing", deadLetters, deadLetters.size(),
        (PreparedStatement statement, DeadLetter letter) -> {
          statement.setString(1, letter.topic());
          statement.setInt(2, letter.partition());
          statement.setLong(3, letter.offset());
          statement.setString(4, letter.channel().name());
          statement.setString(5, letter.taskId());
          statement.setString(6, letter.alertId());
          statement.setInt(7, letter.alertVersion());
          statement.setString(8, letter.lane().name());
          statement.setString(9, letter.originalTopic());
          statement.setString(10, letter.errorCode());
          statement.setString(11, letter.reason());
          statement.setTimestamp(12, Timestamp.from(letter.deadLetteredAt()));
        });
  }

  private void writeQuarantined(List<QuarantineEntry> entries) {
    jdbc.batchUpdate("insert into quarantined_records (partition, record_offset, source_topic,"
        + " source_partition, source_offset, consumer, reason, error_type, quarantined_at)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", entries, entries.size(),
        (PreparedStatement statement, QuarantineEntry entry) -> {
          statement.setInt(1, entry.partition());
          statement.setLong(2, entry.offset());
          statement.setString(3, entry.sourceTopic());
          statement.setObject(4, entry.sourcePartition());
          statement.setObject(5, entry.sourceOffset());
          statement.setString(6, entry.consumer());
          statement.setString(7, entry.reason());
          statement.setString(8, entry.errorType());
          statement.setTimestamp(9, Timestamp.from(entry.quarantinedAt()));
        });
  }

  private static Array array(PreparedStatement statement, List<String> values)
      throws SQLException {
    return statement.getConnection().createArrayOf("text", values.toArray());
  }

  private static List<String> strings(Array array) throws SQLException {
    List<String> values = new ArrayList<>();
    if (array != null) {
      for (Object value : (Object[]) array.getArray()) {
        values.add((String) value);
      }
    }
    return values;
  }
}
