package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.events.v1.MessageType;

/**
 * One published message of an alert, as it was sent.
 *
 * @param content what it said (for a CANCEL: the cancel texts, with the alert's status and
 *     severity)
 * @param area its resolved area (for a CANCEL: the area of the version it cancels)
 */
public record AlertVersion(UUID alertId, int version, String identifier, String sender,
                           MessageType msgType,
                           Instant sent, String issuedBy, String approvedBy,
                           AlertContent content, ResolvedArea area) {
}
