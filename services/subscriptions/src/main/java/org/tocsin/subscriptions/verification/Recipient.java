package org.tocsin.subscriptions.verification;

import java.util.UUID;
import org.tocsin.subscriptions.contact.ContactAddress;

/**
 * Whom a code is sent to.
 *
 * @param language the subscriber's language: nl, fr, de or en
 */
public record Recipient(UUID subscriberId, UUID contactId, ContactAddress address,
                        String language) {
}
