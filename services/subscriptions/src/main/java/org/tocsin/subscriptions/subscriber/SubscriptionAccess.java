package org.tocsin.subscriptions.subscriber;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Access to a subscription, given when it is made or reopened with a management code. The
 * management token is its secret, shown this once and stored only hashed; the management link
 * carries it in its fragment, which browsers never send to a server.
 */
public record SubscriptionAccess(UUID subscriptionId, String managementToken,
                                   URI managementLink, List<ContactView> contacts) {
}
