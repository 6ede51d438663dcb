package org.tocsin.deliverytracker.deadletter;

/** What a replay did with one dead letter. */
public enum ReplayOutcome {
  /** Written back to its lane, where it passes the send-time rules like any task. */
  REPLAYED,
  /** A provider accepted the task already (after a retry or an earlier replay): not sent again. */
  ALREADY_SENT,
  /** Replayed before, or taken by another replay at the same moment. */
  ALREADY_REPLAYED,
  /** The tracker knows no such dead letter. */
  UNKNOWN,
  /** The dead-letter topic no longer holds the record (its retention passed). */
  GONE
}
