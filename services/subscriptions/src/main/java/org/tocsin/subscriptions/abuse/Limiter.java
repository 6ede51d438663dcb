package org.tocsin.subscriptions.abuse;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Optional;

/**
 * One rate limit: a Bucket4j token bucket per key, kept in PostgreSQL, so that every instance
 * of the service draws from the same bucket and a restart refills none. A bucket is identified
 * by a hash of the limit's name, its rate and the key: changing a rate starts new buckets.
 */
final class Limiter {

  private final String scope;
  private final BucketConfiguration configuration;
  private final ProxyManager<Long> buckets;

  Limiter(String name, Rate rate, ProxyManager<Long> buckets) {
    this.scope = name + "/" + rate + "/";
    this.configuration = BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(rate.count()).refillGreedy(rate.count(), rate.period()))
        .build();
    this.buckets = buckets;
  }

  /** Takes one token of {@code key}'s bucket; empty if taken, else how long until one is back. */
  Optional<Duration> tryTake(String key) {
    ConsumptionProbe probe = buckets.builder().build(LimitKeys.bucketId(scope + key),
        configuration).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }
}
