package org.tocsin.subscriptions.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * A rate limit on the number of distinct values seen per key (e.g. distinct phone numbers per
 * client): a value seen again within the period costs nothing.
 */
final class DistinctLimiter {

  private final Limiter limiter;
  private final Cache<String, Boolean> seen;

  DistinctLimiter(Rate rate) {
    this.limiter = new Limiter(rate);
    this.seen = Caffeine.newBuilder().expireAfterWrite(rate.period()).maximumSize(500_000).build();
  }

  Optional<Duration> tryTake(String key, String value) {
    String pair = key + '\u0000' + value;
    if (seen.asMap().putIfAbsent(pair, Boolean.TRUE) != null) {
      return Optional.empty();
    }
    Optional<Duration> refused = limiter.tryTake(key);
    if (refused.isPresent()) {
      seen.invalidate(pair);
    }
    return refused;
  }
}
