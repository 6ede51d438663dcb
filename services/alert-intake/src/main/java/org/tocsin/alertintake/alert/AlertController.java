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
@Tag(name = "alerts", description = "Draft, issue, approve, update, cancel and all-clear alerts")
class AlertController {

  /** Printable ASCII, as the Idempotency-Key header field draft recommends. */
  static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,200}";

  private final AlertService alerts;
  private final ApprovalService approvals;
  private final AlertQueries queries;
  private final AlertRequests requests;
  private final JsonMapper json;

  AlertController(AlertService alerts, ApprovalService approvals, AlertQueries queries,
                  AlertRequests requests, JsonMapper json) {
    this.alerts = alerts;
    this.approvals = approvals;
    this.queries = queries;
    this.requests = requests;
    this.json = json;
  }

  /** The hash of the content the approver reviewed, from {@code GET .../approval}. */
  record ApproveRequest(String contentHash) {
  }

  /** Why an alert awaiting approval is refused. */
  record RejectRequest(String reason) {
  }

  /**
   * A cancel: its reason (the CAP note, in no text) and, optionally, its own texts for some
   * languages, the others getting the prepared cancel texts. Own texts of an ACTUAL alert wait
   * for approval by a second person; the prepared texts go out at once.
   */
  record CancelRequest(String reason, List<InfoText> infos) {
  }

  /** An all-clear: its reason, the CAP note. */
  record AllClearRequest(String reason) {
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
                       @RequestParam(required = false) Boolean awaitingApproval,
                       @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return queries.list(new AlertRepository.Filter(state, status, severity, createdBy,
        createdFrom, createdTo, awaitingApproval), page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "An alert")
  AlertView get(@PathVariable UUID id) {
    return queries.get(id);
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

  @GetMapping("/{id}/approval")
  @Operation(summary = "The message awaiting approval, exactly as it would be sent now, with "
      + "the content hash to approve")
  ApprovalView approval(@PathVariable UUID id) {
    return approvals.pending(id);
  }

  @PostMapping("/{id}/approve")
  @Operation(summary = "Release the message awaiting approval with the content hash you "
      + "reviewed (APPROVER, neither its drafter nor who asked for its release)")
  AlertView approve(@Parameter(hidden = true) Operator operator, @PathVariable UUID id,
                    @RequestBody(required = false) ApproveRequest request) {
    return approvals.approve(operator, id, request == null ? null : request.contentHash());
  }

  @PostMapping("/{id}/reject")
  @Operation(summary = "Refuse the message awaiting approval (APPROVER)")
  AlertView reject(@Parameter(hidden = true) Operator operator, @PathVariable UUID id,
                   @RequestBody(required = false) RejectRequest request) {
    return approvals.reject(operator, id, request == null ? null : request.reason());
  }

  @PostMapping(path = "/{id}/update", consumes = "application/json")
  @Operation(summary = "Correct a published alert: an EXERCISE or TEST is updated at once "
      + "(200), an UPDATE of an ACTUAL alert waits for approval by a second person (202)")
  ResponseEntity<AlertView> update(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestBody AlertRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "update " + id, json.writeValueAsString(request));
    return respond(IdempotentCalls.run(() ->
        alerts.update(operator, id, requests.content(request), idempotency)));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel an alert: with the prepared texts the CANCEL goes out at once "
      + "(200); with texts of its own, an ACTUAL alert's waits for approval (202); a draft is "
      + "withdrawn")
  ResponseEntity<AlertView> cancel(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestBody(required = false) CancelRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "cancel " + id, json.writeValueAsString(request));
    return respond(IdempotentCalls.run(() -> alerts.cancel(operator, id,
        request == null ? null : request.reason(), request == null ? null : request.infos(),
        idempotency)));
  }

  @PostMapping("/{id}/all-clear")
  @Operation(summary = "Say the danger is over: an UPDATE with responseType AllClear and the "
      + "prepared all-clear texts, at once (OPERATOR, APPROVER)")
  ResponseEntity<AlertView> allClear(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestBody(required = false) AllClearRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "all-clear " + id, json.writeValueAsString(request));
    return respond(IdempotentCalls.run(() -> alerts.allClear(operator, id,
        request == null ? null : request.reason(), idempotency)));
  }

  @GetMapping("/{id}/audit")
  @Operation(summary = "Every change of the alert: who, what, when, from where "
      + "(AUDITOR, APPROVER)")
  List<AuditEntry> audit(@PathVariable UUID id) {
    return queries.audit(id);
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
