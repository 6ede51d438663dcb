package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.ResponseType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * An alert as the API shows it: its state, its content (texts as sent, marking included), the
 * messages published so far and the one awaiting approval, if any.
 */
public record AlertView(UUID id, AlertState state, AlertStatus status, int version,
                        String createdBy, Instant createdAt, String issueRequestedBy,
                        String approvedBy, Instant updatedAt, String importedFrom,
                        List<AlertCategory> categories, String event,
                        List<ResponseType> responseTypes, Urgency urgency, Severity severity,
                        Certainty certainty, Instant effective, Instant expires,
                        List<InfoText> infos, AreaView area, List<Channel> channels, String note,
                        List<VersionView> versions, PendingView pendingApproval) {

  /** The area as given: polygons in GeoJSON, circles, named zones. */
  public record AreaView(String description, List<GeoJsonPolygon> polygons,
                         List<DrawnCircle> circles, List<String> zoneIds) {
  }

  /** A GeoJSON Polygon: one closed ring of [longitude, latitude] positions. */
  public record GeoJsonPolygon(String type, List<List<List<Double>>> coordinates) {

    static GeoJsonPolygon of(DrawnPolygon polygon) {
      List<List<Double>> ring = polygon.ring().stream()
          .map(p -> List.of(p.lon(), p.lat())).toList();
      return new GeoJsonPolygon("Polygon", List.of(ring));
    }
  }

  /** One published message: which, when, by whom, the zones its area touches, its hash. */
  public record VersionView(int version, String identifier, MessageType msgType, Instant sent,
                            String issuedBy, String approvedBy, Instant expires,
                            List<String> zoneIds, String contentHash) {
  }

  /**
   * The message awaiting approval (the full view is at {@code /approval}).
   *
   * @param contentHash its hash when the release was asked for
   */
  public record PendingView(MessageType msgType, String draftedBy, String requestedBy,
                            Instant requestedAt, String contentHash) {
  }

  static AlertView of(Alert alert, List<AlertVersion> versions, Optional<Approval> pending) {
    AlertContent content = alert.content();
    AreaView area = new AreaView(content.area().description(),
        content.area().polygons().stream().map(GeoJsonPolygon::of).toList(),
        content.area().circles(), content.area().zoneIds());
    return new AlertView(alert.id(), alert.state(), content.status(), alert.version(),
        alert.createdBy().name(), alert.createdAt(), alert.issueRequestedBy(),
        alert.approvedBy(), alert.updatedAt(), alert.importedFrom(), content.categories(),
        content.event(), content.responseTypes(), content.urgency(), content.severity(),
        content.certainty(), content.effective(), content.expires(), content.infos(), area,
        content.channels(), content.note(),
        versions.stream().map(v -> new VersionView(v.version(), v.identifier(), v.msgType(),
            v.sent(), v.issuedBy(), v.approvedBy(), v.content().expires(), v.area().zoneIds(),
            v.contentHash())).toList(),
        pending.map(p -> new PendingView(p.msgType(), p.draftedBy().name(),
            p.requestedBy().name(), p.requestedAt(), p.requestedHash())).orElse(null));
  }
}
