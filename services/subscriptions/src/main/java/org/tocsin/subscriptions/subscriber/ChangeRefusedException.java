package org.tocsin.subscriptions.subscriber;

/** A well-formed change that the subscription's current state does not allow. */
public class ChangeRefusedException extends RuntimeException {

  public ChangeRefusedException(String reason) {
    super(reason);
  }
}
