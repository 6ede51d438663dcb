package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.ResponseType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * A message awaiting approval, exactly as it would be sent if approved now: every text, the
 * resolved area with every vertex, the channels, and the hash an approver gives back.
 *
 * @param contentHash the hash of what would be sent now: approve with this one
 * @param requestedContentHash the hash when the release was asked for; differs from
 *     {@code contentHash} when a zone of the area changed since
 * @param zonesChangedSinceRequest the named zones whose version changed since the request
 */
public record ApprovalView(UUID alertId, MessageType msgType, String draftedBy,
                           String requestedBy, Instant requestedAt, String contentHash,
                           String requestedContentHash,
                           List<ZoneChange> zonesChangedSinceRequest, String sender,
                           AlertStatus status, List<AlertCategory> categories, String event,
                           List<ResponseType> responseTypes, Urgency urgency, Severity severity,
                           Certainty certainty, Instant effective, Instant expires,
                           List<InfoText> infos, ResolvedArea area, List<Channel> channels,
                           String note) {

  /** A named zone whose version is not the one it had when the release was asked for. */
  public record ZoneChange(String zoneId, Integer requestedVersion, Integer currentVersion) {
  }

  static ApprovalView of(Approval approval, String sender, ResolvedArea area, String hash,
                         List<ZoneChange> changes) {
    AlertContent content = approval.content();
    return new ApprovalView(approval.alertId(), approval.msgType(),
        approval.draftedBy().name(), approval.requestedBy().name(), approval.requestedAt(), hash,
        approval.requestedHash(), changes, sender, content.status(), content.categories(),
        content.event(), content.responseTypes(), content.urgency(), content.severity(),
        content.certainty(), content.effective(), content.expires(), content.infos(), area,
        content.channels(), content.note());
  }
}
