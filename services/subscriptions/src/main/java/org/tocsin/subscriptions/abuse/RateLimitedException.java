package org.tocsin.subscriptions.abuse;

import java.time.Duration;

/** A request refused by a rate limit; the client may try again after {@link #retryAfter()}. */
public class RateLimitedException extends RuntimeException {

  private final AbuseRule rule;
  private final Duration retryAfter;

  public RateLimitedException(AbuseRule rule, Duration retryAfter) {
    super("Refused by rate limit " + rule.tag());
    this.rule = rule;
    this.retryAfter = retryAfter;
  }

  public AbuseRule rule() {
    return rule;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
