package org.tocsin.subscriptions.subscriber;

import org.tocsin.subscriptions.verification.CodeCheck;
import org.tocsin.subscriptions.verification.CodeCheck.Outcome;

/** A code that was not accepted, thrown once the transaction that counted the attempt ended. */
public class CodeRejectedException extends RuntimeException {

  private final Outcome outcome;
  private final Integer attemptsLeft;

  private CodeRejectedException(Outcome outcome, Integer attemptsLeft) {
    super("Code not accepted: " + outcome);
    this.outcome = outcome;
    this.attemptsLeft = attemptsLeft;
  }

  /** A contact's verification code, whose fate the citizen may know. */
  static CodeRejectedException of(CodeCheck check) {
    return new CodeRejectedException(check.outcome(), check.attemptsLeft());
  }

  /**
   * A management code: every failure reads the same, so that a failed attempt tells nothing
   * about whether the address is registered.
   */
  static CodeRejectedException uniform() {
    return new CodeRejectedException(Outcome.WRONG, null);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Wrong codes still allowed, or null when not to be told. */
  public Integer attemptsLeft() {
    return attemptsLeft;
  }
}
