package org.tocsin.alertintake.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.approval.Change;
import org.tocsin.alertintake.approval.Release;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.events.v1.MessageType;

/**
 * What operators ask of an alert: draft, issue, update, cancel, all-clear. Each call is one
 * database transaction with the alert's row locked: the change, its audit entry and, when it
 * publishes, its AlertEvent in the outbox exist together or not at all. Under status ACTUAL a
 * message whose texts are not all prepared by the system is not published but waits for a
 * second person ({@link ApprovalService}).
 */
@Service
public class AlertService {

  private static final Logger log = LoggerFactory.getLogger(AlertService.class);

  private final AlertRepository alerts;
  private final AuditTrail audit;
  private final IdempotencyGuard idempotency;
  private final AlertChecks checks;
  private final PreparedMessages prepared;
  private final AlertPublisher publisher;
  private final ApprovalService approvals;
  private final AlertViews views;
  private final AlertProperties properties;
  private final Clock clock;

  AlertService(AlertRepository alerts, AuditTrail audit, IdempotencyGuard idempotency,
               AlertChecks checks, PreparedMessages prepared, AlertPublisher publisher,
               ApprovalService approvals, AlertViews views, AlertProperties properties,
               Clock clock) {
    this.alerts = alerts;
    this.audit = audit;
    this.idempotency = idempotency;
    this.checks = checks;
    this.prepared = prepared;
    this.publisher = publisher;
    this.approvals = approvals;
    this.views = views;
    this.properties = properties;
    this.clock = clock;
  }

  /** A request made under an {@code Idempotency-Key}; the hash tells a replay from a misuse. */
  public record Idempotency(String key, String requestHash) {

    public static Idempotency of(String key, String operation, String request) {
      if (key == null) {
        return null;
      }
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256")
            .digest((operation + "\n" + request).getBytes(StandardCharsets.UTF_8));
        return new Idempotency(key, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The response to a change: its HTTP status (201 created, 200 published or withdrawn, 202
   * waiting for approval), and whether it is a replay.
   */
  public record Outcome(int status, AlertView alert, boolean replayed) {
  }

  /** A message as it was, or for a draft would be, published, with the messages before it. */
  public record Message(AlertVersion version, List<AlertVersion> earlier) {
  }

  @Transactional
  public Outcome create(Operator operator, AlertContent content, String importedFrom,
                        Idempotency key) {
    Optional<Outcome> replay = idempotency.replay(operator, key);
    if (replay.isPresent()) {
      return replay.get();
    }
    Instant now = now();
    AlertContent normalised = checks.checked(content, now);
    ResolvedArea area = checks.resolve(normalised);
    Alert alert = new Alert(UUID.randomUUID(), AlertState.DRAFT, normalised, 0,
        operator.person(), now, null, null, now, importedFrom);
    publisher.requirePublishable(publisher.version(alert, 1, MessageType.ALERT, now,
        operator.name(), null, normalised, area));
    alerts.insert(alert);
    alerts.replaceZones(alert.id(), area.zoneIds());
    audit.record(alert, operator, "CREATE", null, importedFrom == null ? null
        : "imported from CAP message " + importedFrom, now);
    log.info("Alert {} drafted ({})", alert.id(), normalised.status());
    return idempotency.remember(operator, key, new Outcome(201, views.of(alert), false), now);
  }

  /**
   * Issues a draft: an EXERCISE or TEST is published at once, an ACTUAL alert waits for a
   * second person's approval.
   */
  @Transactional
  public Outcome issue(Operator operator, UUID id, Idempotency key) {
    return changing(operator, id, key, (alert, now) -> {
      AlertState next = AlertLifecycle.issue(alert, now);
      if (next == AlertState.APPROVAL_REQUIRED) {
        Alert waiting = new Alert(alert.id(), next, alert.content(), 0, alert.createdBy(),
            alert.createdAt(), operator.name(), null, now, alert.importedFrom());
        alerts.update(waiting);
        ResolvedArea area = checks.resolve(alert.content());
        alerts.replaceZones(id, area.zoneIds());
        Approval request = approvals.request(waiting, MessageType.ALERT, alert.content(), area,
            alert.createdBy(), operator, now);
        return awaiting(waiting, operator, "ISSUE_REQUESTED", alert.state(), request, now);
      }
      Alert issued = publisher.publish(alert, MessageType.ALERT, alert.content(),
          checks.resolve(alert.content()), operator.name(), null, AlertState.ISSUED, now);
      audit.record(issued, operator, "ISSUE", alert.state(), null, now);
      return new Outcome(200, views.of(issued), false);
    });
  }

  /**
   * Corrects a published alert: an EXERCISE or TEST is updated at once; an UPDATE of an ACTUAL
   * alert waits for a second person, whoever asks for it.
   */
  @Transactional
  public Outcome update(Operator operator, UUID id, AlertContent content, Idempotency key) {
    return changing(operator, id, key, (alert, now) -> {
      AlertLifecycle.update(alert, content.status(), now);
      AlertContent normalised = checks.checked(content, now);
      ResolvedArea area = checks.resolve(normalised);
      if (Release.of(alert.content().status(), Change.UPDATE) == Release.AFTER_APPROVAL) {
        Approval request = approvals.request(alert, MessageType.UPDATE, normalised, area,
            operator.person(), operator, now);
        return awaiting(alert, operator, "UPDATE_REQUESTED", alert.state(), request, now);
      }
      Alert updated = publisher.publish(alert, MessageType.UPDATE, normalised, area,
          operator.name(), null, AlertState.UPDATED, now);
      audit.record(updated, operator, "UPDATE", alert.state(), normalised.note(), now);
      return new Outcome(200, views.of(updated), false);
    });
  }

  /**
   * Cancels an alert. A published alert gets a CANCEL that references every earlier message
   * and reaches everyone they reached: with the prepared texts it goes out at once; with texts
   * of its own, under ACTUAL, it waits for a second person. A draft or an alert awaiting its
   * first approval is withdrawn without a message, since nobody received it.
   *
   * @param reason the CAP note, kept with the message and in the audit trail, never in a text
   * @param texts the CANCEL's own texts for some languages, or none for the prepared texts
   */
  @Transactional
  public Outcome cancel(Operator operator, UUID id, String reason, List<InfoText> texts,
                        Idempotency key) {
    String note = note(reason);
    List<InfoText> own = texts == null ? List.of() : texts;
    return changing(operator, id, key, (alert, now) -> {
      if (!AlertLifecycle.cancelPublishes(alert, now)) {
        approvals.close(alert, ApprovalState.DROPPED, operator, "the alert was withdrawn", now);
        Alert withdrawn = alert.withState(AlertState.CANCELLED, now);
        alerts.update(withdrawn);
        alerts.clearZones(id);
        audit.record(withdrawn, operator, "WITHDRAW", alert.state(), note, now);
        return new Outcome(200, views.of(withdrawn), false);
      }
      AlertVersion latest = latest(alert);
      AlertContent content = prepared.cancel(latest, note, own, now);
      Change change = own.isEmpty() ? Change.CANCEL_WITH_PREPARED_TEXTS
          : Change.CANCEL_WITH_OWN_TEXTS;
      if (Release.of(alert.content().status(), change) == Release.AFTER_APPROVAL) {
        Approval request = approvals.request(alert, MessageType.CANCEL, content, latest.area(),
            operator.person(), operator, now);
        return awaiting(alert, operator, "CANCEL_REQUESTED", alert.state(), request, now);
      }
      approvals.close(alert, ApprovalState.SUPERSEDED, operator, "the alert was cancelled", now);
      Alert cancelled = publisher.publish(alert, MessageType.CANCEL, content, latest.area(),
          operator.name(), null, AlertState.CANCELLED, now);
      audit.record(cancelled, operator, "CANCEL", alert.state(), note, now);
      return new Outcome(200, views.of(cancelled), false);
    });
  }

  /**
   * Says the danger is over: an UPDATE with responseType ALL_CLEAR and the prepared all-clear
   * texts, to the area last sent and everyone earlier messages reached, at once.
   */
  @Transactional
  public Outcome allClear(Operator operator, UUID id, String reason, Idempotency key) {
    String note = note(reason);
    return changing(operator, id, key, (alert, now) -> {
      AlertLifecycle.allClear(alert, now);
      AlertVersion latest = latest(alert);
      AlertContent content = prepared.allClear(latest, note, now);
      approvals.close(alert, ApprovalState.SUPERSEDED, operator, "the all-clear was given", now);
      Alert cleared = publisher.publish(alert, MessageType.UPDATE, content, latest.area(),
          operator.name(), null, AlertState.UPDATED, now);
      audit.record(cleared, operator, "ALL_CLEAR", alert.state(), note, now);
      return new Outcome(200, views.of(cleared), false);
    });
  }

  /** What a call does to the alert it locked. */
  @FunctionalInterface
  private interface AlertChange {
    Outcome apply(Alert alert, Instant now);
  }

  /** A change of one alert, locked, answered once per Idempotency-Key. */
  private Outcome changing(Operator operator, UUID id, Idempotency key, AlertChange change) {
    Optional<Outcome> replay = idempotency.replay(operator, key);
    if (replay.isPresent()) {
      return replay.get();
    }
    Instant now = now();
    Alert alert = alerts.lock(id).orElseThrow(() -> Rejection.notFound("Alert " + id));
    // A concurrent request with the same key may have made the change while this one waited
    // for the lock: its response is visible now.
    replay = idempotency.replay(operator, key);
    if (replay.isPresent()) {
      return replay.get();
    }
    return idempotency.remember(operator, key, change.apply(alert, now), now);
  }

  private Outcome awaiting(Alert alert, Operator operator, String action, AlertState from,
                           Approval request, Instant now) {
    audit.record(alert, operator, action, from, "waits for approval by a second person; "
        + "content hash " + request.requestedHash(), now);
    return new Outcome(202, views.of(alert), false);
  }

  private AlertVersion latest(Alert alert) {
    List<AlertVersion> versions = alerts.versions(alert.id());
    return versions.get(versions.size() - 1);
  }

  private String note(String reason) {
    String note = reason == null || reason.isBlank() ? null : reason.strip();
    if (note != null && note.length() > properties.noteMaxLength()) {
      throw Rejection.invalid(new Violation("reason", "is " + note.length()
          + " characters; at most " + properties.noteMaxLength()));
    }
    return note;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
