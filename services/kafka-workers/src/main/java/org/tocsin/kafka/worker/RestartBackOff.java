package org.tocsin.kafka.worker;

import java.time.Duration;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How long a worker waits before it starts a failed session again: from {@code min}, doubled
 * after each failure in a row up to {@code max}, with ±20% jitter so that instances failing
 * together do not retry in step. Never gives up.
 */
public record RestartBackOff(Duration min, Duration max) {

  public RestartBackOff {
    if (min == null || max == null || min.isNegative() || min.isZero()
        || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("A restart back-off needs 0 < min <= max: " + min
          + ", " + max);
    }
  }

  public static RestartBackOff defaults() {
    return new RestartBackOff(Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  BackOffExecution start() {
    ExponentialBackOff backOff = new ExponentialBackOff(min.toMillis(), 2.0);
    backOff.setMaxInterval(max.toMillis());
    backOff.setJitter(min.toMillis() / 5);
    return backOff.start();
  }
}
