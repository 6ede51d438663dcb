package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of an alert: who did what, when and from where.
 *
 * @param actor the person's name as shown
 * @param actorIssuer with {@code actorSubject}, who the person is; null in entries made before
 *     identities were kept
 */
public record AuditEntry(UUID alertId, Instant at, String actor, String actorIssuer,
                         String actorSubject, String action, AlertState fromState,
                         AlertState toState, int version, String remoteAddress,
                         String userAgent, String detail) {
}
