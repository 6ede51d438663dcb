package org.tocsin.subscriptions.subscriber;

import java.time.Instant;
import java.util.List;
import org.tocsin.subscriptions.verification.CodeRecord;

/**
 * Everything held about a subscriber. Codes and the management token are held only as hashes,
 * which are not exported; their metadata is.
 */
public record SubscriptionExport(Instant exportedAt, SubscriptionView subscription,
                                 List<CodeRecord> codes, String managementToken) {

  static final String TOKEN_NOTE = "held only as a SHA-256 hash";
}
