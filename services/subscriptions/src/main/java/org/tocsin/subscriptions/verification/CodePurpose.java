package org.tocsin.subscriptions.verification;

/** What a code proves when it is entered. */
public enum CodePurpose {
  /** That the citizen holds the contact it was sent to: the contact becomes verified. */
  VERIFY,
  /** That the citizen holds a verified contact: they may manage that subscription again. */
  MANAGE
}
