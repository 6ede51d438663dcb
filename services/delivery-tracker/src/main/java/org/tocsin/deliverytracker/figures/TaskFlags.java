package org.tocsin.deliverytracker.figures;

import org.tocsin.events.v1.DeliveryOutcome;

/**
 * What the tracker has seen of one task, as bits. Bits only accumulate, so a status read twice,
 * or read after a later one, changes nothing: counts are taken from which {@link Category} a
 * task's bits put it in, never from the number of statuses.
 */
final class TaskFlags {

  /** Seen on its lane's task topic. */
  static final int QUEUED = 1;
  /** A SENT status: a provider accepted it. */
  static final int SENT = 1 << 1;
  static final int DELIVERED = 1 << 2;
  /** A FAILED status from the sender: no provider accepted it (refused, or dead-lettered). */
  static final int SEND_FAILED = 1 << 3;
  /** A FAILED status from the provider after it accepted the message (undelivered). */
  static final int DELIVERY_FAILED = 1 << 4;
  static final int EXPIRED = 1 << 5;
  static final int CANCELLED = 1 << 6;
  static final int SKIPPED = 1 << 7;
  static final int RETRIED = 1 << 8;
  /** The task's named zones are known (from its task or a status its sender wrote). */
  static final int ZONES_KNOWN = 1 << 9;
  /** The time kept with the task is the DELIVERED status's, not the SENT status's. */
  static final int TIME_IS_DELIVERED = 1 << 10;
  /** A time is kept with the task. */
  static final int TIME_KEPT = 1 << 11;

  private TaskFlags() {
  }

  /**
   * The bit a status sets.
   *
   * @param fromSender whether the status was written by the task's sender (it names the
   *     subscriber) rather than by a provider's callback
   */
  static int of(DeliveryOutcome outcome, boolean fromSender) {
    return switch (outcome) {
      case SENT -> SENT;
      case DELIVERED -> DELIVERED;
      case FAILED -> fromSender ? SEND_FAILED : DELIVERY_FAILED;
      case EXPIRED -> EXPIRED;
      case CANCELLED -> CANCELLED;
      case SKIPPED -> SKIPPED;
      case RETRYING -> RETRIED;
      case FANNED_OUT, UNKNOWN -> 0;
    };
  }
}
