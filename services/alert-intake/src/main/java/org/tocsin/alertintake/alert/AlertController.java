package org.tocsin.alertintake.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Severity;
import tools.jackson.databind.json.JsonMapper;

/** Alerts over HTTP, in JSON. Which role may call what is decided in the security rules. */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = "application/json")
@Tag(name = "alerts", description = "Draft, approve, issue, update and cancel alerts")
class AlertController {

  /** Printable ASCII, as the Idempotency-Key header field draft recommends. */
  static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,200}";

  private final AlertService alerts;
  private final AlertRequests requests;
  private final JsonMapper json;

  AlertController(AlertService alerts, AlertRequests requests, JsonMapper json) {
    this.alerts = alerts;
    this.requests = requests;
    this.json = json;
  }

  /** Why an alert awaiting approval is refused. */
  record RejectRequest(String reason) {
  }

  /**
   * A cancel: its reason (CAP note, added to every text) and, optionally, its own texts for
   * some languages; the other languages get the standard cancel texts.
   */
  record CancelRequest(String reason, List<InfoText> infos) {
  }

  @PostMapping(consumes = "application/json")
  @Operation(summary = "Draft an alert (OPERATOR)")
  ResponseEntity<AlertView> create(
      @Parameter(hidden = true) Operator operator,
      @RequestBody AlertRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey, "create",
        json.writeValueAsString(request));
    return created(IdempotentCalls.run(() ->
        alerts.create(operator, requests.content(request), null, idempotency)));
  }

  @GetMapping
  @Operation(summary = "List alerts, newest first")
  List<AlertView> list(@RequestParam(required = false) AlertState state,
                       @RequestParam(required = false) AlertStatus status,
                       @RequestParam(required = false) Severity severity,
                       @RequestParam(required = false) String createdBy,
                       @RequestParam(required = false) Instant createdFrom,
                       @RequestParam(required = false) Instant createdTo,
                       @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return alerts.list(new AlertRepository.Filter(state, status, severity, createdBy,
        createdFrom, createdTo), page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "An alert")
  AlertView get(@PathVariable UUID id) {
    return alerts.get(id);
  }

  @PostMapping("/{id}/issue")
  @Operation(summary = "Issue a draft (OPERATOR): an EXERCISE or TEST is published (200), an "
      + "ACTUAL alert waits for approval by a second person (202)")
  ResponseEntity<AlertView> issue(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey, "issue",
        id.toString());
    return respond(IdempotentCalls.run(() -> alerts.issue(operator, id, idempotency)));
  }

  @PostMapping("/{id}/approve")
  @Operation(summary = "Release an ACTUAL alert drafted by someone else (APPROVER)")
  AlertView approve(@Parameter(hidden = true) Operator operator, @PathVariable UUID id) {
    return alerts.approve(operator, id);
  }

  @PostMapping("/{id}/reject")
  @Operation(summary = "Refuse an ACTUAL alert awaiting approval (APPROVER)")
  AlertView reject(@Parameter(hidden = true) Operator operator, @PathVariable UUID id,
                   @RequestBody(required = false) RejectRequest request) {
    return alerts.reject(operator, id, request == null ? null : request.reason());
  }

  @PostMapping(path = "/{id}/update", consumes = "application/json")
  @Operation(summary = "Correct an issued alert in one call: publishes an UPDATE (OPERATOR for "
      + "exercises and tests, APPROVER for ACTUAL alerts)")
  AlertView update(@Parameter(hidden = true) Operator operator, @PathVariable UUID id,
                   @RequestBody AlertRequest request) {
    return alerts.update(operator, id, requests.content(request));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel an alert in one call: publishes a CANCEL that reaches everyone "
      + "the alert reached (OPERATOR, APPROVER)")
  AlertView cancel(@Parameter(hidden = true) Operator operator, @PathVariable UUID id,
                   @RequestBody(required = false) CancelRequest request) {
    return alerts.cancel(operator, id, request == null ? null : request.reason(),
        request == null ? null : request.infos());
  }

  @GetMapping("/{id}/audit")
  @Operation(summary = "Every state change of the alert: who, what, when, from where "
      + "(AUDITOR, APPROVER)")
  List<AuditEntry> audit(@PathVariable UUID id) {
    return alerts.audit(id);
  }

  static ResponseEntity<AlertView> created(AlertService.Outcome outcome) {
    return ResponseEntity.status(outcome.status())
        .location(URI.create("/api/v1/alerts/" + outcome.alert().id()))
        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
        .body(outcome.alert());
  }

  private static ResponseEntity<AlertView> respond(AlertService.Outcome outcome) {
    return ResponseEntity.status(outcome.status())
        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
        .body(outcome.alert());
  }
}
