package org.tocsin.subscriptions.subscriber;

import java.time.Instant;
import java.util.UUID;
import org.tocsin.events.v1.Channel;

/**
 * A contact as its subscription's holder sees it. The address is shown in full once verified;
 * until then it is masked, because nobody has yet proved it is theirs.
 *
 * @param codeExpiresAt when the code just sent stops working (only in the answer that sent it)
 */
public record ContactView(UUID contactId, Channel channel, String address, boolean verified,
                          Instant createdAt, Instant verifiedAt, Instant codeExpiresAt) {

  static ContactView of(Contact contact) {
    return of(contact, null);
  }

  static ContactView of(Contact contact, Instant codeExpiresAt) {
    return new ContactView(contact.id(), contact.address().channel(),
        contact.verified() ? contact.address().address() : contact.address().masked(),
        contact.verified(), contact.createdAt(), contact.verifiedAt(), codeExpiresAt);
  }
}
