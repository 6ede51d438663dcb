package org.tocsin.alertintake.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;
import org.tocsin.outbox.Outbox;
import org.tocsin.outbox.OutboxProperties;
import org.tocsin.outbox.OversizedEventException;

/**
 * Publishes a message of an alert, inside the caller's transaction: the version as sent, its
 * AlertEvent in the outbox, the alert's new state and the zones it uses, together or not at
 * all.
 */
@Component
class AlertPublisher {

  private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

  private final AlertRepository alerts;
  private final Outbox outbox;
  private final Topics topics;
  private final AlertProperties properties;
  private final int maxEventBytes;
  private final MeterRegistry meters;

  AlertPublisher(AlertRepository alerts, Outbox outbox, Topics topics, AlertProperties properties,
                 OutboxProperties outboxProperties, MeterRegistry meters) {
    this.alerts = alerts;
    this.outbox = outbox;
    this.topics = topics;
    this.properties = properties;
    this.maxEventBytes = outboxProperties.maxEventBytes();
    this.meters = meters;
  }

  /** The hash of what this message would send. */
  String hash(MessageType type, AlertContent content, ResolvedArea area) {
    return ContentHash.of(properties.sender(), type, content, area);
  }

  /** The message as it would be published now as version {@code number}. */
  AlertVersion version(Alert alert, int number, MessageType type, Instant sent, String issuedBy,
                       String approvedBy, AlertContent content, ResolvedArea area) {
    return new AlertVersion(alert.id(), number, properties.identifierPrefix() + "-" + alert.id()
        + "-" + number, properties.sender(), type, sent, issuedBy, approvedBy, content, area,
        area == null ? null : hash(type, content, area));
  }

  /** Refuses, before anything is stored, an alert whose event Kafka would not take. */
  void requirePublishable(AlertVersion preview) {
    AlertEvent event = AlertEvents.of(preview, List.of());
    byte[] bytes = topics.alerts().valueSerde().serializer().serialize(topics.alerts().name(),
        event);
    if (bytes.length > maxEventBytes) {
      throw tooLarge(bytes.length, maxEventBytes);
    }
  }

  /**
   * Publishes the next version of the alert and returns the alert as it is now: in
   * {@code state}, with this content (a CANCEL keeps the content it cancels) and, unless it is
   * over, the zones of this area.
   */
  Alert publish(Alert alert, MessageType type, AlertContent content, ResolvedArea area,
                String issuedBy, String approvedBy, AlertState state, Instant now) {
    List<AlertVersion> earlier = alerts.versions(alert.id());
    AlertVersion version = version(alert, alert.version() + 1, type, now, issuedBy, approvedBy,
        content, area);
    AlertEvent event = AlertEvents.of(version, earlier);
    try {
      outbox.add(topics.alerts(), version.alertId().toString(), event);
    } catch (OversizedEventException e) {
      throw tooLarge(e.size(), e.maximum());
    }
    alerts.insertVersion(version);
    meters.counter("tocsin.alerts.published", "status", event.getStatus().name(),
        "msgType", event.getMsgType().name(), "severity", event.getSeverity().name()).increment();
    Alert published = new Alert(alert.id(), state, type == MessageType.CANCEL ? alert.content()
        : content, version.version(), alert.createdBy(), alert.createdAt(),
        alert.issueRequestedBy(), version.version() == 1 ? approvedBy : alert.approvedBy(), now,
        alert.importedFrom());
    alerts.update(published);
    if (state.isActive()) {
      alerts.replaceZones(alert.id(), area.zoneIds());
    } else {
      alerts.clearZones(alert.id());
    }
    log.info("Alert {} version {} published ({} {}, {})", alert.id(), version.version(),
        content.status(), type, content.severity());
    return published;
  }

  private static Rejection tooLarge(int size, int maximum) {
    return Rejection.invalid(new Violation("area", "makes an event of " + size + " bytes, more "
        + "than the " + maximum + " bytes Kafka takes: use fewer or simpler polygons or zones"));
  }
}
