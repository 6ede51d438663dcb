package org.tocsin.subscriptions.abuse;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;

/**
 * An allowance of {@code count} events per {@code period}, written {@code count/period} in
 * configuration, e.g. {@code 20/10m} or {@code 3/1h}.
 */
public record Rate(long count, Duration period) {

  public Rate {
    if (count < 1 || period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("A rate needs a positive count and period");
    }
  }

  public static Rate parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException("A rate is written count/period, e.g. 20/10m: " + text);
    }
    return new Rate(Long.parseLong(text.substring(0, slash).strip()),
        DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
  }

  @Override
  public String toString() {
    ChronoUnit unit = Stream.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
            ChronoUnit.SECONDS)
        .filter(candidate -> period.toMillis() % candidate.getDuration().toMillis() == 0)
        .findFirst().orElse(ChronoUnit.MILLIS);
    return count + "/" + DurationStyle.SIMPLE.print(period, unit);
  }
}
