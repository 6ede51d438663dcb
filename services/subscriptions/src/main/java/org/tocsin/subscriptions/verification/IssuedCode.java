package org.tocsin.subscriptions.verification;

import java.time.Instant;
import java.util.UUID;

/** A code handed to the dispatchers for a contact; it works until {@code expiresAt}. */
public record IssuedCode(UUID contactId, Instant expiresAt) {
}
