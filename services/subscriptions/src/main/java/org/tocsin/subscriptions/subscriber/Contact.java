package org.tocsin.subscriptions.subscriber;

import java.time.Instant;
import java.util.UUID;
import org.tocsin.subscriptions.contact.ContactAddress;

/**
 * One contact of a subscriber; only a verified one receives anything but its codes.
 *
 * @param verifiedAt when its holder proved it, null while unverified
 */
public record Contact(UUID id, ContactAddress address, Instant createdAt, Instant verifiedAt) {

  public boolean verified() {
    return verifiedAt != null;
  }
}
