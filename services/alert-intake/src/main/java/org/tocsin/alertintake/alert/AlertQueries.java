package org.tocsin.alertintake.alert;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.MessageType;

/** Reading alerts: one, a list, the audit trail, and their messages as published. */
@Service
public class AlertQueries {

  private final AlertRepository alerts;
  private final AuditTrail audit;
  private final AlertViews views;
  private final AlertPublisher publisher;

  AlertQueries(AlertRepository alerts, AuditTrail audit, AlertViews views,
               AlertPublisher publisher) {
    this.alerts = alerts;
    this.audit = audit;
    this.views = views;
    this.publisher = publisher;
  }

  @Transactional(readOnly = true)
  public AlertView get(UUID id) {
    return views.of(find(id));
  }

  @Transactional(readOnly = true)
  public List<AlertView> list(AlertRepository.Filter filter, int page, int size) {
    return alerts.list(filter, page * size, size).stream().map(views::of).toList();
  }

  @Transactional(readOnly = true)
  public List<AuditEntry> audit(UUID id) {
    find(id);
    return audit.of(id);
  }

  /**
   * A message of the alert: the given version, or the latest; a draft gives the ALERT it would
   * publish (without a resolved area).
   */
  @Transactional(readOnly = true)
  public AlertService.Message message(UUID id, Integer number) {
    Alert alert = find(id);
    List<AlertVersion> versions = alerts.versions(id);
    if (versions.isEmpty()) {
      if (number != null && number != 1) {
        throw Rejection.notFound("Version " + number + " of alert " + id);
      }
      return new AlertService.Message(publisher.version(alert, 1, MessageType.ALERT,
          alert.createdAt(), alert.createdBy().name(), null, alert.content(), null), List.of());
    }
    int wanted = number == null ? versions.size() : number;
    if (wanted < 1 || wanted > versions.size()) {
      throw Rejection.notFound("Version " + wanted + " of alert " + id);
    }
    return new AlertService.Message(versions.get(wanted - 1),
        versions.subList(0, wanted - 1));
  }

  /** The alert one of whose messages has this CAP identifier. */
  @Transactional(readOnly = true)
  public Optional<UUID> alertOfMessage(String identifier) {
    return alerts.versionByIdentifier(identifier).map(AlertVersion::alertId);
  }

  private Alert find(UUID id) {
    return alerts.find(id).orElseThrow(() -> Rejection.notFound("Alert " + id));
  }
}
