package org.tocsin.dispatcher.sending;

/** Why a message could not be delivered: in the dead-letter headers and the circuit breaker. */
public final class DeliveryFailedException extends RuntimeException {

  private final String errorCode;

  public DeliveryFailedException(String errorCode, String reason) {
    super(errorCode + ": " + reason, null, false, false);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
