package org.tocsin.subscriptions.contact;

import org.tocsin.events.v1.Channel;

/**
 * A mobile number able to receive SMS, in E.164 form.
 *
 * @param e164 the number, e.g. {@code +32470123456}
 * @param region the ISO 3166 region it belongs to, e.g. {@code BE}
 */
public record MobileNumber(String e164, String region) implements ContactAddress {

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public String address() {
    return e164;
  }

  /** The number without its last two digits: numbers of one block are handed out together. */
  public String block() {
    return e164.substring(0, e164.length() - 2);
  }

  @Override
  public String masked() {
    return e164.substring(0, Math.min(4, e164.length())) + "…" + e164.substring(e164.length() - 2);
  }

  @Override
  public String toString() {
    return "MobileNumber[" + masked() + "]";
  }
}
