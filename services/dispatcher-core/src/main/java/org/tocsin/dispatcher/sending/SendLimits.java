package org.tocsin.dispatcher.sending;

/**
 * How hard one provider account may be driven.
 *
 * @param messagesPerSecond the most messages per second (0: no limit of our own; the provider's
 *     429 answers still slow the account down)
 * @param maxConcurrentRequests the most requests in progress at once
 */
public record SendLimits(double messagesPerSecond, int maxConcurrentRequests) {

  public SendLimits {
    if (!(messagesPerSecond >= 0) || maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("messages per second must be 0 or more and concurrent "
          + "requests 1 or more: " + messagesPerSecond + ", " + maxConcurrentRequests);
    }
  }
}
