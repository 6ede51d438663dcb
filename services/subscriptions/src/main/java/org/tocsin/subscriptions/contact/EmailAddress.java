package org.tocsin.subscriptions.contact;

import org.tocsin.events.v1.Channel;

/** An e-mail address, lower-case, with an ASCII (IDNA) domain. */
public record EmailAddress(String address) implements ContactAddress {

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public String masked() {
    int at = address.indexOf('@');
    return address.charAt(0) + "…@" + address.substring(at + 1);
  }

  @Override
  public String toString() {
    return "EmailAddress[" + masked() + "]";
  }
}
