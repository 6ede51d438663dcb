package org.tocsin.subscriptions.verification;

import java.time.Instant;
import java.util.UUID;

/** What is held about a code, without the code: for the subscriber's export. */
public record CodeRecord(UUID contactId, CodePurpose purpose, Instant createdAt,
                         Instant expiresAt, int wrongAttempts, Instant usedAt) {
}
