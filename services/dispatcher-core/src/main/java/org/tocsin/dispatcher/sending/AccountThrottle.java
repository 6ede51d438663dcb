package org.tocsin.dispatcher.sending;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pace of one provider account: a token bucket for messages per second (Bucket4j), a
 * semaphore for concurrent requests, and adaptation to the provider's own limit (additive
 * increase, multiplicative decrease): each 429 answer lowers the rate, at most once per
 * {@value #DECREASE_SPACING_MILLIS} ms so that one burst of refusals counts once, and a second
 * without refusals lets it climb back towards the configured rate. An account configured
 * without a rate starts unlimited and gets a rate at its first 429, from the rate it was
 * achieving.
 */
final class AccountThrottle {

  private static final long DECREASE_SPACING_MILLIS = 200;
  private static final long CLIMB_AFTER_MILLIS = 1000;
  private static final double DECREASE = 0.95;
  private static final double INCREASE_PER_TICK = 1.01;
  private static final double MINIMUM_RATE = 1;

  private final String account;
  private final double configuredRate;
  private final Semaphore concurrency;
  private final LongAdder sentSinceTick = new LongAdder();

  private volatile Bucket bucket;
  private volatile double rate;
  private double observedRate;
  private long lastDecreaseNanos = System.nanoTime() - Duration.ofHours(1).toNanos();
  private long lastTickNanos = System.nanoTime();

  AccountThrottle(String account, SendLimits limits) {
    this.account = account;
    this.configuredRate = limits.messagesPerSecond();
    this.concurrency = new Semaphore(limits.maxConcurrentRequests());
    this.rate = configuredRate;
    this.bucket = configuredRate > 0 ? Bucket.builder().addLimit(bandwidth(configuredRate)).build()
        : null;
  }

  String account() {
    return account;
  }

  /** Waits for a request slot and a token. */
  void acquire() throws InterruptedException {
    concurrency.acquire();
    Bucket current = bucket;
    if (current != null) {
      try {
        current.asBlocking().consume(1);
      } catch (InterruptedException e) {
        concurrency.release();
        throw e;
      }
    }
    sentSinceTick.increment();
  }

  void release() {
    concurrency.release();
  }

  /** The provider refused a message for its rate limit. */
  synchronized void rateLimited() {
    long now = System.nanoTime();
    if (now - lastDecreaseNanos < DECREASE_SPACING_MILLIS * 1_000_000) {
      return;
    }
    lastDecreaseNanos = now;
    double base = rate > 0 ? rate : Math.max(observedRate, MINIMUM_RATE);
    setRate(Math.max(MINIMUM_RATE, base * DECREASE));
  }

  /** Called every 100 ms: measures the achieved rate and lets an adapted rate climb back. */
  synchronized void tick() {
    long now = System.nanoTime();
    double seconds = (now - lastTickNanos) / 1e9;
    lastTickNanos = now;
    if (seconds > 0) {
      double measured = sentSinceTick.sumThenReset() / seconds;
      observedRate = observedRate == 0 ? measured : 0.7 * observedRate + 0.3 * measured;
    }
    boolean adapted = rate > 0 && (configuredRate == 0 || rate < configuredRate);
    if (adapted && now - lastDecreaseNanos > CLIMB_AFTER_MILLIS * 1_000_000) {
      double climbed = rate * INCREASE_PER_TICK;
      setRate(configuredRate > 0 ? Math.min(configuredRate, climbed) : climbed);
    }
  }

  /** Messages per second allowed now; 0 when unlimited. */
  double currentRate() {
    return rate;
  }

  int requestsInProgress(int maxConcurrentRequests) {
    return maxConcurrentRequests - concurrency.availablePermits();
  }

  private void setRate(double messagesPerSecond) {
    rate = messagesPerSecond;
    Bucket current = bucket;
    if (current == null) {
      bucket = Bucket.builder().addLimit(bandwidth(messagesPerSecond)).build();
    } else {
      current.replaceConfiguration(
          BucketConfiguration.builder().addLimit(bandwidth(messagesPerSecond)).build(),
          TokensInheritanceStrategy.AS_IS);
    }
  }

  /** Tokens refilled continuously; a burst of at most 20 ms worth. */
  private static Bandwidth bandwidth(double messagesPerSecond) {
    long perTenSeconds = Math.max(1, Math.round(messagesPerSecond * 10));
    long capacity = Math.max(1, (long) Math.ceil(messagesPerSecond / 50));
    return Bandwidth.builder().capacity(capacity)
        .refillGreedy(perTenSeconds, Duration.ofSeconds(10)).build();
  }
}
