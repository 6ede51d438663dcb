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
 * @param area its resolved area, with the geometry of the zone versions it was sent with (for a
 *     CANCEL: the area of the version it cancels)
 * @param contentHash the {@link ContentHash} of what it sent; null for messages published
 *     before hashes were kept
 */
public record AlertVersion(UUID alertId, int version, String identifier, String sender,
                           MessageType msgType,
                           Instant sent, String issuedBy, String approvedBy,
                           AlertContent content, ResolvedArea area, String contentHash) {

  /** A message without a hash: a draft's, or one published before hashes were kept. */
  public AlertVersion(UUID alertId, int version, String identifier, String sender,
                      MessageType msgType, Instant sent, String issuedBy, String approvedBy,
                      AlertContent content, ResolvedArea area) {
    this(alertId, version, identifier, sender, msgType, sent, issuedBy, approvedBy, content, area,
        null);
  }
}
