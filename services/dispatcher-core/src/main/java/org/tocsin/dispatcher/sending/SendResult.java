package org.tocsin.dispatcher.sending;

import java.time.Duration;

/** What a provider made of one message. */
public sealed interface SendResult {

  /** Accepted: the provider will deliver it (or report why not). */
  record Accepted(String providerMessageId) implements SendResult {
  }

  /**
   * Refused for now because of the provider's rate limit: sent again later, not a failure.
   *
   * @param retryAfter how long the provider asked to wait before this message is tried again
   *     (its {@code Retry-After}), zero if it did not say. When it said, the loop holds the
   *     message that long and leaves the account's pace alone: the gateway knows what the limit
   *     covers (one push service of several, say). When it did not, the loop tries again at once
   *     at a lower pace for the whole account.
   */
  record RateLimited(String errorCode, Duration retryAfter) implements SendResult {

    public RateLimited {
      retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    public RateLimited(String errorCode) {
      this(errorCode, Duration.ZERO);
    }
  }

  /**
   * Failed for a reason that may pass (server error, timeout, unreachable provider, account
   * trouble): retried with backoff, and counted against the account's health.
   */
  record TransientFailure(String errorCode, String reason) implements SendResult {
  }

  /** Refused for good for this recipient or message (invalid number, opted out): not retried. */
  record PermanentFailure(String errorCode, String reason) implements SendResult {
  }
}
