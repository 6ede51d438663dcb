package org.tocsin.subscriptions.contact;

import org.tocsin.events.v1.Channel;

/**
 * A validated, normalised way of reaching a citizen. Contacts are personal data: their
 * {@code toString()} masks the address, so that no log line ever shows it in clear.
 */
public sealed interface ContactAddress permits MobileNumber, EmailAddress, PushSubscription {

  Channel channel();

  /** The normalised address: an E.164 number, a lower-case e-mail address, a push endpoint. */
  String address();

  /** The address with most of it hidden, for logs and support. */
  String masked();
}
