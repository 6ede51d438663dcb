package org.tocsin.deliverytracker.deadletter;

import java.time.Instant;
import java.util.UUID;

/** One replay as audited: who, when, why, what was selected and what came of it. */
public record ReplayAudit(UUID id, Instant requestedAt, String person, String subject,
                          String reason, String selection, int replayed, int refused) {
}
