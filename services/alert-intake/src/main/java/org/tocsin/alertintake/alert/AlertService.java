package org.tocsin.alertintake.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.area.AreaResolver;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;
import org.tocsin.outbox.Outbox;
import org.tocsin.outbox.OutboxProperties;
import org.tocsin.outbox.OversizedEventException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change of an alert, each in one database transaction with the row of the alert locked,
 * its audit entry and, when it publishes, its AlertEvent in the outbox: the change and its
 * event exist together or not at all, and the events of one alert keep their order.
 */
@Service
public class AlertService {

  private static final Logger log = LoggerFactory.getLogger(AlertService.class);
  private static final int EXPIRY_BATCH = 100;

  private final AlertRepository alerts;
  private final AuditTrail audit;
  private final IdempotencyKeys idempotencyKeys;
  private final AreaResolver areas;
  private final Outbox outbox;
  private final Topics topics;
  private final AlertProperties properties;
  private final int maxEventBytes;
  private final AlertContentRules rules;
  private final Marking marking;
  private final CancelTexts cancelTexts;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;

  AlertService(AlertRepository alerts, AuditTrail audit, IdempotencyKeys idempotencyKeys,
               AreaResolver areas, Outbox outbox, Topics topics, AlertProperties properties,
               OutboxProperties outboxProperties, JsonMapper json, Clock clock,
               MeterRegistry meters) {
    this.alerts = alerts;
    this.audit = audit;
    this.idempotencyKeys = idempotencyKeys;
    this.areas = areas;
    this.outbox = outbox;
    this.topics = topics;
    this.properties = properties;
    this.maxEventBytes = outboxProperties.maxEventBytes();
    this.marking = new Marking(properties.marking(), properties.allLanguages());
    this.cancelTexts = new CancelTexts(properties.cancelTexts(), properties.allLanguages());
    this.rules = new AlertContentRules(properties, marking);
    this.json = json;
    this.clock = clock;
    this.meters = meters;
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

  /** The response to a create or issue: its HTTP status, and whether it is a replay. */
  public record Outcome(int status, AlertView alert, boolean replayed) {
  }

  /** A message as it was, or for a draft would be, published, with the messages before it. */
  public record Message(AlertVersion version, List<AlertVersion> earlier) {
  }

  @Transactional
  public Outcome create(Operator operator, AlertContent content, String importedFrom,
                        Idempotency idempotency) {
    Optional<Outcome> replay = replay(operator, idempotency);
    if (replay.isPresent()) {
      return replay.get();
    }
    Instant now = now();
    AlertContent normalised = checked(content, now);
    ResolvedArea area = resolve(normalised);
    Alert alert = new Alert(UUID.randomUUID(), AlertState.DRAFT, normalised, 0, operator.name(),
        now, null, null, now, importedFrom);
    AlertVersion preview = version(alert, 1, MessageType.ALERT, now, operator.name(), null,
        normalised, area);
    requirePublishable(AlertEvents.of(preview, List.of()));
    alerts.insert(alert);
    alerts.replaceZones(alert.id(), area.zoneIds());
    record(alert, operator, "CREATE", null, importedFrom == null ? null
        : "imported from CAP message " + importedFrom, now);
    log.info("Alert {} drafted by {} ({})", alert.id(), operator.name(), normalised.status());
    return remember(operator, idempotency, new Outcome(201, view(alert), false), now);
  }

  /**
   * Issues a draft: an EXERCISE or TEST is published at once, an ACTUAL alert waits for a
   * second person's approval.
   */
  @Transactional
  public Outcome issue(Operator operator, UUID id, Idempotency idempotency) {
    Optional<Outcome> replay = replay(operator, idempotency);
    if (replay.isPresent()) {
      return replay.get();
    }
    Instant now = now();
    Alert alert = lock(id);
    // A concurrent request with the same key may have issued the alert while this one waited
    // for the lock: its response is visible now.
    replay = replay(operator, idempotency);
    if (replay.isPresent()) {
      return replay.get();
    }
    AlertState next = AlertLifecycle.issue(alert, now);
    Alert changed;
    if (next == AlertState.APPROVAL_REQUIRED) {
      changed = new Alert(alert.id(), next, alert.content(), 0, alert.createdBy(),
          alert.createdAt(), operator.name(), null, now, alert.importedFrom());
      alerts.update(changed);
      record(changed, operator, "ISSUE_REQUESTED", alert.state(), "waits for approval by a "
          + "second person", now);
    } else {
      changed = publishFirst(alert, operator.name(), null, now);
      record(changed, operator, "ISSUE", alert.state(), null, now);
    }
    int status = changed.state() == AlertState.APPROVAL_REQUIRED ? 202 : 200;
    return remember(operator, idempotency, new Outcome(status, view(changed), false), now);
  }

  @Transactional
  public AlertView approve(Operator approver, UUID id) {
    Instant now = now();
    Alert alert = lock(id);
    AlertLifecycle.approve(alert, approver, now);
    Alert changed = publishFirst(alert, alert.issueRequestedBy(), approver.name(), now);
    record(changed, approver, "APPROVE", alert.state(), null, now);
    return view(changed);
  }

  @Transactional
  public AlertView reject(Operator approver, UUID id, String reason) {
    Instant now = now();
    Alert alert = lock(id);
    AlertLifecycle.reject(alert);
    Alert changed = alert.withState(AlertState.REJECTED, now);
    alerts.update(changed);
    alerts.clearZones(id);
    record(changed, approver, "REJECT", alert.state(), reason, now);
    return view(changed);
  }

  /** Corrects an issued alert in one call: publishes an UPDATE with the new content. */
  @Transactional
  public AlertView update(Operator operator, UUID id, AlertContent content) {
    Instant now = now();
    Alert alert = lock(id);
    AlertLifecycle.update(alert, operator, content.status(), now);
    AlertContent normalised = checked(content, now);
    ResolvedArea area = resolve(normalised);
    List<AlertVersion> earlier = alerts.versions(id);
    int number = alert.version() + 1;
    AlertVersion version = version(alert, number, MessageType.UPDATE, now, operator.name(), null,
        normalised, area);
    publish(version, earlier);
    Alert changed = new Alert(alert.id(), AlertState.UPDATED, normalised, number,
        alert.createdBy(), alert.createdAt(), alert.issueRequestedBy(), alert.approvedBy(), now,
        alert.importedFrom());
    alerts.update(changed);
    alerts.replaceZones(id, area.zoneIds());
    record(changed, operator, "UPDATE", alert.state(), content.note(), now);
    return view(changed);
  }

  /**
   * Cancels an alert in one call. A published alert gets a CANCEL that references every
   * earlier message and reaches everyone they reached; a draft or an alert awaiting approval is
   * withdrawn without a message, since nobody received it.
   *
   * @param texts the CANCEL's texts for some languages; the others come from the templates
   */
  @Transactional
  public AlertView cancel(Operator operator, UUID id, String reason, List<InfoText> texts) {
    Instant now = now();
    Alert alert = lock(id);
    String note = reason == null || reason.isBlank() ? null : reason.strip();
    if (note != null && note.length() > properties.noteMaxLength()) {
      throw Rejection.invalid(new Violation("reason", "is " + note.length()
          + " characters; at most " + properties.noteMaxLength()));
    }
    if (!AlertLifecycle.cancelPublishes(alert, now)) {
      Alert withdrawn = alert.withState(AlertState.CANCELLED, now);
      alerts.update(withdrawn);
      alerts.clearZones(id);
      record(withdrawn, operator, "WITHDRAW", alert.state(), note, now);
      return view(withdrawn);
    }
    List<AlertVersion> earlier = alerts.versions(id);
    AlertVersion latest = earlier.get(earlier.size() - 1);
    AlertContent cancelContent = cancelContent(latest.content(), note, texts, now);
    int number = alert.version() + 1;
    AlertVersion version = version(alert, number, MessageType.CANCEL, now, operator.name(), null,
        cancelContent, latest.area());
    publish(version, earlier);
    Alert cancelled = new Alert(alert.id(), AlertState.CANCELLED, alert.content(), number,
        alert.createdBy(), alert.createdAt(), alert.issueRequestedBy(), alert.approvedBy(), now,
        alert.importedFrom());
    alerts.update(cancelled);
    alerts.clearZones(id);
    record(cancelled, operator, "CANCEL", alert.state(), note, now);
    return view(cancelled);
  }

  /** Marks active alerts past their expiry EXPIRED; returns how many. */
  @Transactional
  public int expireDue() {
    Instant now = now();
    List<UUID> due = alerts.lockDueForExpiry(now, EXPIRY_BATCH);
    for (UUID id : due) {
      Alert alert = alerts.find(id).orElseThrow();
      Alert expired = alert.withState(AlertState.EXPIRED, now);
      alerts.update(expired);
      alerts.clearZones(id);
      record(expired, Operator.system("expiry schedule"), "EXPIRE", alert.state(),
          "expired at " + alert.content().expires(), now);
    }
    if (!due.isEmpty()) {
      log.info("{} alerts expired", due.size());
    }
    return due.size();
  }

  @Transactional
  public int forgetOldIdempotencyKeys() {
    return idempotencyKeys.forgetOlderThan(now().minus(properties.idempotencyRetention()));
  }

  @Transactional(readOnly = true)
  public AlertView get(UUID id) {
    return view(alerts.find(id).orElseThrow(() -> notFound(id)));
  }

  @Transactional(readOnly = true)
  public List<AlertView> list(AlertRepository.Filter filter, int page, int size) {
    return alerts.list(filter, page * size, size).stream().map(this::view).toList();
  }

  @Transactional(readOnly = true)
  public List<AuditEntry> audit(UUID id) {
    alerts.find(id).orElseThrow(() -> notFound(id));
    return audit.of(id);
  }

  /**
   * A message of the alert: the given version, or the latest; a draft gives the ALERT it would
   * publish (without a resolved area).
   */
  @Transactional(readOnly = true)
  public Message message(UUID id, Integer number) {
    Alert alert = alerts.find(id).orElseThrow(() -> notFound(id));
    List<AlertVersion> versions = alerts.versions(id);
    if (versions.isEmpty()) {
      if (number != null && number != 1) {
        throw Rejection.notFound("Version " + number + " of alert " + id);
      }
      return new Message(version(alert, 1, MessageType.ALERT, alert.createdAt(),
          alert.createdBy(), null, alert.content(), null), List.of());
    }
    int wanted = number == null ? versions.size() : number;
    if (wanted < 1 || wanted > versions.size()) {
      throw Rejection.notFound("Version " + wanted + " of alert " + id);
    }
    return new Message(versions.get(wanted - 1), versions.subList(0, wanted - 1));
  }

  /** The alert one of whose messages has this CAP identifier. */
  @Transactional(readOnly = true)
  public Optional<UUID> alertOfMessage(String identifier) {
    return alerts.versionByIdentifier(identifier).map(AlertVersion::alertId);
  }

  /** The sender of this service's CAP messages. */
  public String sender() {
    return properties.sender();
  }

  private Alert publishFirst(Alert alert, String issuedBy, String approvedBy, Instant now) {
    ResolvedArea area = resolve(alert.content());
    AlertVersion version = version(alert, 1, MessageType.ALERT, now, issuedBy, approvedBy,
        alert.content(), area);
    publish(version, List.of());
    Alert issued = new Alert(alert.id(), AlertState.ISSUED, alert.content(), 1,
        alert.createdBy(), alert.createdAt(), alert.issueRequestedBy(), approvedBy, now,
        alert.importedFrom());
    alerts.update(issued);
    alerts.replaceZones(alert.id(), area.zoneIds());
    log.info("Alert {} issued ({}, {})", alert.id(), alert.content().status(),
        alert.content().severity());
    return issued;
  }

  private void publish(AlertVersion version, List<AlertVersion> earlier) {
    AlertEvent event = AlertEvents.of(version, earlier);
    try {
      outbox.add(topics.alerts(), version.alertId().toString(), event);
    } catch (OversizedEventException e) {
      throw tooLarge(e.size(), e.maximum());
    }
    alerts.insertVersion(version);
    meters.counter("tocsin.alerts.published", "status", event.getStatus().name(),
        "msgType", event.getMsgType().name(), "severity", event.getSeverity().name()).increment();
  }

  private void requirePublishable(AlertEvent event) {
    byte[] bytes = topics.alerts().valueSerde().serializer().serialize(topics.alerts().name(),
        event);
    if (bytes.length > maxEventBytes) {
      throw tooLarge(bytes.length, maxEventBytes);
    }
  }

  private static Rejection tooLarge(int size, int maximum) {
    return Rejection.invalid(new Violation("area", "makes an event of " + size + " bytes, more "
        + "than the " + maximum + " bytes Kafka takes: use fewer or simpler polygons or zones"));
  }

  private AlertContent checked(AlertContent content, Instant now) {
    Violations violations = new Violations();
    AlertContent normalised = rules.normalise(content, now, violations);
    areas.check(normalised.area(), "area", violations);
    violations.throwIfAny("The alert is invalid");
    return normalised;
  }

  private ResolvedArea resolve(AlertContent content) {
    Violations violations = new Violations();
    ResolvedArea area = areas.resolve(content.area(), "area", violations);
    violations.throwIfAny("The alert's area is invalid");
    return area;
  }

  private AlertContent cancelContent(AlertContent cancelled, String note, List<InfoText> given,
                                     Instant now) {
    AlertStatus status = cancelled.status();
    List<InfoText> own = given == null ? List.of() : given;
    Violations unknown = new Violations();
    List<String> languages = cancelled.infos().stream().map(InfoText::language).toList();
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i) == null || !languages.contains(own.get(i).language())) {
        unknown.add("infos[" + i + "].language", "must be one of the alert's languages "
            + languages);
      }
    }
    unknown.throwIfAny("The cancel texts are invalid");
    Map<String, InfoText> byLanguage = own.stream()
        .collect(Collectors.toMap(InfoText::language, Function.identity(), (a, b) -> a));
    List<InfoText> infos = new ArrayList<>();
    for (InfoText info : cancelled.infos()) {
      InfoText text = byLanguage.get(info.language());
      if (text == null) {
        InfoText unmarked = new InfoText(info.language(), info.senderName(),
            marking.unmark(status, info.language(), info.headline()), info.description(), null,
            info.smsText(), info.web());
        text = cancelTexts.cancelling(unmarked, note, properties.headlineMaxLength()
            - marking.prefix(status, info.language()).length(), properties.smsTextMaxLength()
            - marking.prefix(status, info.language()).length());
      }
      infos.add(text);
    }
    AlertContent content = new AlertContent(status, cancelled.categories(), cancelled.event(),
        cancelled.urgency(), cancelled.severity(), cancelled.certainty(), now,
        now.plus(properties.cancelLifetime()), infos, cancelled.area(), cancelled.channels(),
        note);
    Violations violations = new Violations();
    AlertContent normalised = rules.normalise(content, now, violations);
    violations.throwIfAny("The cancel texts are invalid");
    return normalised;
  }

  private AlertVersion version(Alert alert, int number, MessageType type, Instant sent,
                               String issuedBy, String approvedBy, AlertContent content,
                               ResolvedArea area) {
    return new AlertVersion(alert.id(), number, properties.identifierPrefix() + "-" + alert.id()
        + "-" + number, properties.sender(), type, sent, issuedBy, approvedBy, content, area);
  }

  private Optional<Outcome> replay(Operator operator, Idempotency idempotency) {
    if (idempotency == null) {
      return Optional.empty();
    }
    return idempotencyKeys.find(operator.name(), idempotency.key()).map(stored -> {
      if (!stored.requestHash().equals(idempotency.requestHash())) {
        throw new Rejection(Rejection.Kind.INVALID, "Idempotency-Key reused",
            "The Idempotency-Key '" + idempotency.key() + "' was used for a different request; "
                + "use a new key for a new request");
      }
      return new Outcome(stored.status(), json.readValue(stored.body(), AlertView.class), true);
    });
  }

  private Outcome remember(Operator operator, Idempotency idempotency, Outcome outcome,
                           Instant now) {
    if (idempotency != null) {
      idempotencyKeys.store(operator.name(), idempotency.key(), idempotency.requestHash(),
          outcome.status(), json.writeValueAsString(outcome.alert()), now);
    }
    return outcome;
  }

  private Alert lock(UUID id) {
    return alerts.lock(id).orElseThrow(() -> notFound(id));
  }

  private AlertView view(Alert alert) {
    return AlertView.of(alert, alerts.versions(alert.id()));
  }

  private void record(Alert alert, Operator operator, String action, AlertState from,
                      String detail, Instant now) {
    audit.record(new AuditEntry(alert.id(), now, operator.name(), action, from, alert.state(),
        alert.version(), operator.remoteAddress(), operator.userAgent(), detail));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Rejection notFound(UUID id) {
    return Rejection.notFound("Alert " + id);
  }
}
