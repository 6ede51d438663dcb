package org.tocsin.subscriptions.abuse;

/** The rules that refuse a request as abuse; each is a tag of the refusal counter. */
public enum AbuseRule {
  REGISTRATIONS_PER_CLIENT("registrations-per-client"),
  CODES_PER_CLIENT("codes-per-client"),
  CODES_PER_CONTACT("codes-per-contact"),
  CODE_CHECKS_PER_CLIENT("code-checks-per-client"),
  SMS_NUMBERS_PER_CLIENT("sms-numbers-per-client"),
  SMS_SEQUENTIAL_NUMBERS("sms-sequential-numbers"),
  SMS_REGION_BURST("sms-region-burst"),
  SMS_PREMIUM_NUMBER("sms-premium-number"),
  SMS_REGION_NOT_SERVED("sms-region-not-served");

  private final String tag;

  AbuseRule(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
