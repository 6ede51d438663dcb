package org.tocsin.subscriptions.subscriber;

/** No valid management token for this subscription (or no such subscription: same answer). */
public class AccessDeniedException extends RuntimeException {

  public AccessDeniedException() {
    super("A valid management token for this subscription is needed");
  }
}
