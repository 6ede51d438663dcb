package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.events.v1.MessageType;

/**
 * A message that waits for a second person: the first version of an ACTUAL alert, an UPDATE of
 * one, or a CANCEL with texts of its own.
 *
 * @param content what it will say (texts as sent, marking included)
 * @param requestedArea the area as resolved when the release was asked for; the area is
 *     resolved again when it is approved, and a zone changed since changes the hash
 * @param requestedHash the {@link ContentHash} when the release was asked for
 * @param draftedBy who wrote the content
 * @param requestedBy who asked for its release
 */
record Approval(long id, UUID alertId, MessageType msgType, AlertContent content,
                ResolvedArea requestedArea, String requestedHash, Person draftedBy,
                Person requestedBy, Instant requestedAt, ApprovalState state) {
}
