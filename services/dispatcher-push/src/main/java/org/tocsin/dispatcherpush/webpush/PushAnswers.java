package org.tocsin.dispatcherpush.webpush;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.tocsin.dispatcher.sending.SendResult;

/**
 * What a push service's answer means (RFC 8030): 201 accepted; 404 or 410 the subscription is
 * gone for good; 413 the payload too large, permanently; 429 slow down, for as long as its
 * {@code Retry-After} says; 5xx retried. A 400 is a request the service will never take either.
 * 401 and 403 are about our VAPID credentials, not the recipient: they are retried, so that a
 * misconfigured key shows as an unhealthy account rather than failing every message.
 */
final class PushAnswers {

  private final Duration defaultRetryAfter;
  private final Duration maxRetryAfter;

  PushAnswers(Duration defaultRetryAfter, Duration maxRetryAfter) {
    this.defaultRetryAfter = defaultRetryAfter;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Whether the answer says the subscription no longer exists. */
  static boolean gone(int status) {
    return status == 404 || status == 410;
  }

  SendResult classify(int status, Optional<String> location, Optional<String> retryAfter,
                      Instant now) {
    if (status >= 200 && status < 300) {
      return new SendResult.Accepted(location.orElse(null));
    }
    String code = "push-" + status;
    if (gone(status)) {
      return new SendResult.PermanentFailure(code, "the push subscription no longer exists");
    }
    return switch (status) {
      case 429 -> new SendResult.RateLimited(code, retryAfter(retryAfter, now));
      case 413 -> new SendResult.PermanentFailure(code, "payload too large for the push service");
      case 401, 403 -> new SendResult.TransientFailure(code,
          "the push service refused our VAPID credentials");
      default -> status >= 500 || status == 408
          ? new SendResult.TransientFailure(code, "push service error")
          : new SendResult.PermanentFailure(code, "refused by the push service");
    };
  }

  /** {@code Retry-After} as seconds or an HTTP date, within bounds; the default otherwise. */
  Duration retryAfter(Optional<String> header, Instant now) {
    Duration asked = header.map(String::strip).flatMap(value -> parse(value, now))
        .orElse(defaultRetryAfter);
    if (asked.compareTo(Duration.ofMillis(1)) < 0) {
      return Duration.ofMillis(1);
    }
    return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
  }

  private static Optional<Duration> parse(String value, Instant now) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
