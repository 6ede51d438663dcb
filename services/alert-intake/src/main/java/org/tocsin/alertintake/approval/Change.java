package org.tocsin.alertintake.approval;

/** What a person asks Tocsin to send. */
public enum Change {
  /** Version 1 of an alert. */
  FIRST_ISSUE,
  /** A correction: new texts, area, channels or severity. */
  UPDATE,
  /** An UPDATE with responseType AllClear and only the prepared all-clear texts. */
  ALL_CLEAR_WITH_PREPARED_TEXTS,
  /** A CANCEL with only the prepared cancel texts. */
  CANCEL_WITH_PREPARED_TEXTS,
  /** A CANCEL with at least one text of its own. */
  CANCEL_WITH_OWN_TEXTS
}
