package org.tocsin.subscriptions.abuse;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rate limit on the number of distinct values seen per key (e.g. distinct phone numbers per
 * client): a value seen again within the period costs nothing. What was seen is kept, hashed,
 * in PostgreSQL beside the buckets, shared by every instance.
 */
final class DistinctLimiter {

  private final String scope;
  private final Duration period;
  private final Limiter limiter;
  private final JdbcClient jdbc;
  private final Clock clock;

  DistinctLimiter(String name, Rate rate, ProxyManager<Long> buckets, JdbcClient jdbc,
                  Clock clock) {
    this.scope = name + "/" + rate + "/";
    this.period = rate.period();
    this.limiter = new Limiter(name, rate, buckets);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<Duration> tryTake(String key, String value) {
    byte[] keyHash = LimitKeys.hash(scope + key);
    byte[] valueHash = LimitKeys.hash(value);
    Instant now = clock.instant();
    // One statement: a value not seen (or seen longer ago than the period) is recorded as seen.
    boolean firstSight = jdbc.sql("""
            INSERT INTO rate_limit_seen (key_hash, value_hash, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (key_hash, value_hash) DO UPDATE SET expires_at = excluded.expires_at
            WHERE rate_limit_seen.expires_at <= ?""")
        .params(keyHash, valueHash, Timestamp.from(now.plus(period)), Timestamp.from(now))
        .update() == 1;
    if (!firstSight) {
      return Optional.empty();
    }
    Optional<Duration> refused = limiter.tryTake(key);
    if (refused.isPresent()) {
      jdbc.sql("DELETE FROM rate_limit_seen WHERE key_hash = ? AND value_hash = ?")
          .params(keyHash, valueHash).update();
    }
    return refused;
  }
}
