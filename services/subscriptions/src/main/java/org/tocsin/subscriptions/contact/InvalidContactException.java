package org.tocsin.subscriptions.contact;

/** A contact that cannot be accepted, with the reason (never the address itself). */
public class InvalidContactException extends RuntimeException {

  /** Why a contact is refused. */
  public enum Reason {
    INVALID_NUMBER("is not a valid phone number"),
    NOT_MOBILE("must be a mobile number that can receive SMS"),
    PREMIUM_RATE("is a premium-rate or special-service number"),
    REGION_NOT_SERVED("is from a country to which SMS are not sent"),
    INVALID_EMAIL("is not a valid e-mail address"),
    INVALID_PUSH_ENDPOINT("must be the https URL of a known Web Push service"),
    INVALID_PUSH_KEYS("must be the p256dh and auth keys of the push subscription (base64url)");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final Reason reason;

  public InvalidContactException(Reason reason) {
    super(reason.description());
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
