package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;

/** One state change of an alert: who did what, when and from where. */
public record AuditEntry(UUID alertId, Instant at, String actor, String action,
                         AlertState fromState, AlertState toState, int version,
                         String remoteAddress, String userAgent, String detail) {
}
