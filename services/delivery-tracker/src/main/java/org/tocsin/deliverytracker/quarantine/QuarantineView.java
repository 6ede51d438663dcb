package org.tocsin.deliverytracker.quarantine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The metadata of the records in the quarantine topic, as the tracker read it: kept as long as
 * the topic keeps the records (7 days).
 */
@Component
public class QuarantineView {

  static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration CACHE = Duration.ofSeconds(5);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private volatile Map<String, Long> counts = Map.of();
  private volatile Instant countedAt = Instant.EPOCH;

  public QuarantineView(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records still in the quarantine, by source topic (read at most every 5 s). */
  public Map<String, Long> countsBySourceTopic() {
    Instant now = clock.instant();
    if (countedAt.plus(CACHE).isBefore(now)) {
      Map<String, Long> fresh = new TreeMap<>();
      jdbc.query("select coalesce(source_topic, '?'), count(*) from quarantined_records"
          + " where quarantined_at > ? group by 1", row -> {
            fresh.put(row.getString(1), row.getLong(2));
          }, Timestamp.from(now.minus(RETENTION)));
      counts = fresh;
      countedAt = now;
    }
    return counts;
  }

  public List<QuarantineEntry> recent(int limit) {
    return jdbc.query("select partition, record_offset, source_topic, source_partition,"
        + " source_offset, consumer, reason, error_type, quarantined_at from quarantined_records"
        + " where quarantined_at > ? order by quarantined_at desc limit ?",
        (row, n) -> new QuarantineEntry(row.getInt(1), row.getLong(2), row.getString(3),
            (Integer) row.getObject(4), (Long) row.getObject(5), row.getString(6),
            row.getString(7), row.getString(8), row.getTimestamp(9).toInstant()),
        Timestamp.from(clock.instant().minus(RETENTION)), limit);
  }
}
