package org.tocsin.alertintake.approval;

import org.tocsin.events.v1.AlertStatus;

/**
 * When a change reaches citizens. Under status ACTUAL, every text that reaches them was
 * approved by a second person or was prepared by the system (configured texts filled only with
 * the alert's own event and area description, both already approved): so a prepared CANCEL or
 * all-clear goes out on one operator's word, and everything else waits for approval. EXERCISE
 * and TEST messages are marked in every text and go out at once.
 */
public enum Release {
  AT_ONCE,
  AFTER_APPROVAL;

  public static Release of(AlertStatus status, Change change) {
    return switch (status) {
      case EXERCISE, TEST -> AT_ONCE;
      case ACTUAL, SYSTEM -> switch (change) {
        case ALL_CLEAR_WITH_PREPARED_TEXTS, CANCEL_WITH_PREPARED_TEXTS -> AT_ONCE;
        case FIRST_ISSUE, UPDATE, CANCEL_WITH_OWN_TEXTS -> AFTER_APPROVAL;
      };
    };
  }
}
