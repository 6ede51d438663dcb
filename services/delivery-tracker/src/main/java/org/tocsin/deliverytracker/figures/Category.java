package org.tocsin.deliverytracker.figures;

/**
 * What is counted: each count is the number of tasks whose flags put them in the category. A
 * task can leave one: a dead letter replayed and then sent is no longer failed.
 */
public enum Category {
  /** Written to a lane by the fan-out (or later, for a late subscriber or a correction). */
  QUEUED,
  /** Accepted by a provider (a DELIVERED before its SENT counts too). */
  SENT,
  DELIVERED,
  /** Not accepted by any provider, or reported undelivered by it; not sent since. */
  FAILED,
  /** Ended without a provider call because the alert had expired. */
  EXPIRED,
  /** Ended without a provider call because the alert was cancelled. */
  CANCELLED,
  /** Ended without a provider call: superseded, erased, changed contact, not needed. */
  SKIPPED,
  /** Had at least one failed attempt that was tried again. */
  RETRIED,
  /** The sender is done with it: sent, failed for good, expired, cancelled or skipped. */
  FINISHED;

  static final Category[] ALL = values();

  boolean contains(int flags) {
    boolean sent = (flags & (TaskFlags.SENT | TaskFlags.DELIVERED)) != 0;
    return switch (this) {
      case QUEUED -> (flags & TaskFlags.QUEUED) != 0;
      case SENT -> sent;
      case DELIVERED -> (flags & TaskFlags.DELIVERED) != 0;
      case FAILED -> (flags & TaskFlags.SEND_FAILED) != 0 && !sent
          || (flags & TaskFlags.DELIVERY_FAILED) != 0 && (flags & TaskFlags.DELIVERED) == 0;
      case EXPIRED -> (flags & TaskFlags.EXPIRED) != 0 && !sent;
      case CANCELLED -> (flags & TaskFlags.CANCELLED) != 0 && !sent;
      case SKIPPED -> (flags & TaskFlags.SKIPPED) != 0 && !sent;
      case RETRIED -> (flags & TaskFlags.RETRIED) != 0;
      case FINISHED -> sent || (flags & (TaskFlags.SEND_FAILED | TaskFlags.EXPIRED
          | TaskFlags.CANCELLED | TaskFlags.SKIPPED)) != 0;
    };
  }

  /** +1 if a task enters the category, -1 if it leaves it, 0 otherwise. */
  int change(int before, int after) {
    return (contains(after) ? 1 : 0) - (contains(before) ? 1 : 0);
  }
}
