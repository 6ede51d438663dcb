package org.tocsin.alertintake.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.approval.FourEyes;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.events.v1.MessageType;

/**
 * Four eyes: messages that wait for a second person, and their approval or rejection. What is
 * approved is exactly what is published: the area is resolved again at approval, and the
 * message goes out only if the hash of what would be sent is the one the approver gives.
 */
@Service
public class ApprovalService {

  private final AlertRepository alerts;
  private final Approvals approvals;
  private final AuditTrail audit;
  private final AlertChecks checks;
  private final AlertPublisher publisher;
  private final AlertViews views;
  private final AlertProperties properties;
  private final Clock clock;

  ApprovalService(AlertRepository alerts, Approvals approvals, AuditTrail audit,
                  AlertChecks checks, AlertPublisher publisher, AlertViews views,
                  AlertProperties properties, Clock clock) {
    this.alerts = alerts;
    this.approvals = approvals;
    this.audit = audit;
    this.checks = checks;
    this.publisher = publisher;
    this.views = views;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Asks a second person to release this message, in the caller's transaction; a request
   * already pending for the alert is superseded by it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Approval request(Alert alert, MessageType type, AlertContent content, ResolvedArea area,
                   Person drafter, Operator requester, Instant now) {
    close(alert, ApprovalState.SUPERSEDED, requester, "superseded by a new request", now);
    return approvals.insert(alert.id(), type, content, area, publisher.hash(type, content, area),
        drafter, requester.person(), now);
  }

  /** Closes the alert's pending request, if any, which a change or its end makes moot. */
  @Transactional(propagation = Propagation.MANDATORY)
  void close(Alert alert, ApprovalState state, Operator by, String why, Instant now) {
    approvals.pending(alert.id()).ifPresent(pending -> {
      approvals.close(pending.id(), state, by.person(), now, null, null, why);
      audit.record(alert, by, "APPROVAL_" + state.name(), alert.state(), "the "
          + pending.msgType() + " awaiting approval (" + pending.requestedHash() + ") is "
          + state.name().toLowerCase() + ": " + why, now);
    });
  }

  /** The message awaiting approval, as it would be sent now, with the hash to approve. */
  @Transactional
  public ApprovalView pending(UUID id) {
    Alert alert = alerts.find(id).orElseThrow(() -> Rejection.notFound("Alert " + id));
    Approval pending = pendingOf(alert);
    ResolvedArea area = areaNow(alert, pending);
    return ApprovalView.of(pending, properties.sender(), area,
        publisher.hash(pending.msgType(), pending.content(), area), changes(pending, area));
  }

  /**
   * Releases the message awaiting approval if the approver may (four eyes) and
   * {@code contentHash} is the hash of what would be sent now.
   */
  @Transactional
  public AlertView approve(Operator approver, UUID id, String contentHash) {
    if (contentHash == null || contentHash.isBlank()) {
      throw Rejection.invalid(new Violation("contentHash", "is required: the hash of the "
          + "content you reviewed, from GET /api/v1/alerts/" + id + "/approval"));
    }
    Instant now = now();
    Alert alert = lock(id);
    Approval pending = pendingOf(alert);
    if (FourEyes.release(pending.draftedBy(), pending.requestedBy(), approver)
        instanceof FourEyes.Verdict.Refused refused) {
      throw Rejection.forbidden(refused.reason());
    }
    AlertLifecycle.approve(alert, pending.msgType(), pending.content(), now);
    ResolvedArea area = areaNow(alert, pending);
    String hash = publisher.hash(pending.msgType(), pending.content(), area);
    if (!hash.equals(contentHash.strip())) {
      throw Rejection.conflict(mismatch(id, pending, contentHash.strip(), hash,
          changes(pending, area)));
    }
    AlertState next = switch (pending.msgType()) {
      case ALERT -> AlertState.ISSUED;
      case UPDATE -> AlertState.UPDATED;
      case CANCEL -> AlertState.CANCELLED;
    };
    Alert published = publisher.publish(alert, pending.msgType(), pending.content(), area,
        pending.requestedBy().name(), approver.name(), next, now);
    approvals.close(pending.id(), ApprovalState.APPROVED, approver.person(), now,
        published.version(), hash, null);
    audit.record(published, approver, "APPROVE", alert.state(), pending.msgType()
        + " asked for by " + pending.requestedBy().name() + " released as version "
        + published.version() + ", content hash " + hash, now);
    return views.of(published);
  }

  /** Refuses the message awaiting approval; refusing the first version ends the alert. */
  @Transactional
  public AlertView reject(Operator approver, UUID id, String reason) {
    String note = reason == null || reason.isBlank() ? null : reason.strip();
    if (note != null && note.length() > properties.noteMaxLength()) {
      throw Rejection.invalid(new Violation("reason", "is " + note.length()
          + " characters; at most " + properties.noteMaxLength()));
    }
    Instant now = now();
    Alert alert = lock(id);
    Approval pending = pendingOf(alert);
    approvals.close(pending.id(), ApprovalState.REJECTED, approver.person(), now, null, null,
        note);
    Alert changed = alert;
    if (pending.msgType() == MessageType.ALERT) {
      changed = alert.withState(AlertState.REJECTED, now);
      alerts.update(changed);
      alerts.clearZones(id);
    }
    audit.record(changed, approver, "REJECT", alert.state(), pending.msgType() + " "
        + pending.requestedHash() + (note == null ? "" : ": " + note), now);
    return views.of(changed);
  }

  /** The area the message would be sent to now: a CANCEL repeats the one last sent. */
  private ResolvedArea areaNow(Alert alert, Approval pending) {
    if (pending.msgType() == MessageType.CANCEL) {
      List<AlertVersion> versions = alerts.versions(alert.id());
      return versions.get(versions.size() - 1).area();
    }
    return checks.resolve(pending.content());
  }

  private static List<ApprovalView.ZoneChange> changes(Approval pending, ResolvedArea now) {
    List<ApprovalView.ZoneChange> changes = new ArrayList<>();
    Map<String, Integer> requested = pending.requestedArea().zoneVersions();
    for (Map.Entry<String, Integer> zone : now.zoneVersions().entrySet()) {
      Integer before = requested.get(zone.getKey());
      if (!zone.getValue().equals(before)) {
        changes.add(new ApprovalView.ZoneChange(zone.getKey(), before, zone.getValue()));
      }
    }
    return changes;
  }

  private static String mismatch(UUID id, Approval pending, String given, String now,
                                 List<ApprovalView.ZoneChange> changes) {
    StringBuilder detail = new StringBuilder("You approved " + given + ", but the "
        + pending.msgType() + " awaiting approval would now send content with hash " + now);
    if (!changes.isEmpty()) {
      detail.append(" (changed since the request: ");
      for (int i = 0; i < changes.size(); i++) {
        ApprovalView.ZoneChange change = changes.get(i);
        detail.append(i == 0 ? "" : ", ").append("zone '").append(change.zoneId())
            .append("' version ").append(change.requestedVersion()).append(" → ")
            .append(change.currentVersion());
      }
      detail.append(')');
    }
    return detail.append(". Nothing was sent: review it at GET /api/v1/alerts/").append(id)
        .append("/approval and approve that hash.").toString();
  }

  private Approval pendingOf(Alert alert) {
    return approvals.pending(alert.id()).orElseThrow(() -> Rejection.conflict("Alert "
        + alert.id() + " is " + alert.state() + " and has no message awaiting approval"));
  }

  private Alert lock(UUID id) {
    return alerts.lock(id).orElseThrow(() -> Rejection.notFound("Alert " + id));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
