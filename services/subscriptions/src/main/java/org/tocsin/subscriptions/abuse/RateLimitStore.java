package org.tocsin.subscriptions.abuse;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where rate limits keep their state: Bucket4j's PostgreSQL proxy manager (each take is a
 * short transaction of its own under an advisory lock on the bucket id, so it never waits for,
 * or holds, a lock of the change it guards), and the table of values already seen.
 */
@Component
public class RateLimitStore {

  private static final int PURGE_BATCH = 1000;

  private final PostgreSQLadvisoryLockBasedProxyManager<Long> buckets;
  private final JdbcClient jdbc;
  private final Clock clock;

  public RateLimitStore(DataSource dataSource, Clock clock) {
    this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
        .table("rate_limit_bucket").idColumn("id").stateColumn("state")
        .expiresAtColumn("expires_at").lockColumn("lock_id")
        .expirationAfterWrite(
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
        .build();
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  ProxyManager<Long> buckets() {
    return buckets;
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Deletes buckets that would be full again and values seen longer ago than their period:
   * forgetting them changes no decision.
   */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
  public int purgeExpired() {
    ExpiredEntriesCleaner cleaner = buckets;
    int deleted = 0;
    int batch;
    do {
      batch = cleaner.removeExpired(PURGE_BATCH);
      deleted += batch;
    } while (batch == PURGE_BATCH);
    return deleted + jdbc.sql("DELETE FROM rate_limit_seen WHERE expires_at <= ?")
        .param(Timestamp.from(clock.instant())).update();
  }
}
