package org.tocsin.subscriptions.verification;

/**
 * The result of checking a code.
 *
 * @param attemptsLeft wrong codes still allowed before the code locks
 */
public record CodeCheck(Outcome outcome, int attemptsLeft) {

  /** What happened to the code entered. */
  public enum Outcome {
    /** Right, in time, first use: the code is now used up. */
    ACCEPTED,
    /** Not the code sent (one attempt fewer left). */
    WRONG,
    /** Right or not, the code's time is over. */
    EXPIRED,
    /** The code was already used. */
    USED,
    /** Too many wrong codes: this code no longer works, a new one must be asked for. */
    LOCKED,
    /** No code was sent for this contact and purpose. */
    NONE
  }

  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }
}
