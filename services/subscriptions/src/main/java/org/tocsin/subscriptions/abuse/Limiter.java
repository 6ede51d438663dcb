package org.tocsin.subscriptions.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One rate limit: a token bucket per key (Bucket4j), kept in memory while the key is active.
 * Each instance of the service counts on its own.
 */
final class Limiter {

  private static final long MAX_KEYS = 200_000;

  private final Rate rate;
  private final Cache<String, Bucket> buckets;

  Limiter(Rate rate) {
    this.rate = rate;
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(rate.period())
        .maximumSize(MAX_KEYS)
        .build();
  }

  /** Takes one token of {@code key}'s bucket; empty if taken, else how long until one is back. */
  Optional<Duration> tryTake(String key) {
    ConsumptionProbe probe = buckets.get(key, any -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(rate.count())
            .refillGreedy(rate.count(), rate.period()).build())
        .build();
  }
}
