package org.tocsin.dispatcherpush.webpush;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One push service (FCM, Mozilla's autopush, Apple's, Windows'...) and how hard it may be
 * driven: a semaphore for the requests in progress, an optional Bucket4j token bucket for
 * pushes per second, and the pause it asked for with a 429 and its {@code Retry-After}. Each
 * service has its own, so that one service's limits or trouble never slow another's pushes.
 */
final class PushService {

  private final String name;
  private final Semaphore requests;
  private final Bucket bucket;
  private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());
  private final int maxConcurrentRequests;

  PushService(String name, double messagesPerSecond, int maxConcurrentRequests) {
    this.name = name;
    this.maxConcurrentRequests = maxConcurrentRequests;
    this.requests = new Semaphore(maxConcurrentRequests);
    this.bucket = messagesPerSecond > 0 ? Bucket.builder().addLimit(bandwidth(messagesPerSecond))
        .build() : null;
  }

  String name() {
    return name;
  }

  /** How long this service asked to be left alone from now; zero when it did not. */
  Duration pausedFor() {
    long left = pausedUntilNanos.get() - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** The service answered 429: nothing more goes to it for {@code pause}. */
  void pause(Duration pause) {
    long until = System.nanoTime() + pause.toNanos();
    pausedUntilNanos.accumulateAndGet(until, Math::max);
  }

  /**
   * Takes a request slot and a token, waiting at most {@code maxWait} for them; false if the
   * service stayed busy that long.
   */
  boolean enter(Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    if (!requests.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    if (bucket != null) {
      boolean token = false;
      try {
        long left = deadline - System.nanoTime();
        token = left > 0 ? bucket.asBlocking().tryConsume(1, Duration.ofNanos(left))
            : bucket.tryConsume(1);
      } finally {
        if (!token) {
          requests.release();
        }
      }
      return token;
    }
    return true;
  }

  void leave() {
    requests.release();
  }

  int requestsInProgress() {
    return maxConcurrentRequests - requests.availablePermits();
  }

  /** Tokens refilled continuously; a burst of at most 20 ms worth. */
  private static Bandwidth bandwidth(double messagesPerSecond) {
    long perTenSeconds = Math.max(1, Math.round(messagesPerSecond * 10));
    long capacity = Math.max(1, (long) Math.ceil(messagesPerSecond / 50));
    return Bandwidth.builder().capacity(capacity)
        .refillGreedy(perTenSeconds, Duration.ofSeconds(10)).build();
  }
}
