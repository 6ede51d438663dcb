package org.tocsin.dispatcher.sending;

/** What a provider made of one message. */
public sealed interface SendResult {

  /** Accepted: the provider will deliver it (or report why not). */
  record Accepted(String providerMessageId) implements SendResult {
  }

  /** Refused for now because of the provider's rate limit: sent again later, not a failure. */
  record RateLimited(String errorCode) implements SendResult {
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
