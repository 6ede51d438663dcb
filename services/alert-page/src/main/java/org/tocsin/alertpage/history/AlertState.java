package org.tocsin.alertpage.history;

import java.time.Instant;

/** Where an alert stands at an instant, as its page tells the reader. */
public sealed interface AlertState {

  /** Issued, but not in force before {@code effective}. */
  record Upcoming(Instant effective, Instant expires) implements AlertState {
  }

  record InForce(Instant expires) implements AlertState {
  }

  /** Cancelled by its latest version, sent at {@code at}. */
  record Cancelled(Instant at) implements AlertState {
  }

  /** Ended at its expiry without being cancelled. */
  record Expired(Instant at) implements AlertState {
  }

  /** Whether the alert concerns the reader now (upcoming or in force). */
  default boolean current() {
    return switch (this) {
      case Upcoming upcoming -> true;
      case InForce inForce -> true;
      case Cancelled cancelled -> false;
      case Expired expired -> false;
    };
  }
}
