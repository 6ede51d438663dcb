package org.tocsin.alertintake.cap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.tocsin.alertintake.alert.AlertQueries;
import org.tocsin.alertintake.alert.AlertService;
import org.tocsin.alertintake.alert.IdempotentCalls;
import org.tocsin.alertintake.geometry.GeometryProperties;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.alertintake.zone.Zone;
import org.tocsin.alertintake.zone.ZoneCatalogue;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;

/**
 * Alerts as CAP 1.2 XML ({@code application/cap+xml}): a CAP Alert creates a draft, a CAP
 * Update or Cancel corrects or cancels the alert its references name, under the same rules as
 * the JSON calls (an Update of an ACTUAL alert, and a Cancel with info blocks of its own, wait
 * for a second person), and every message of an alert can be exported from
 * {@code /api/v1/alerts/{id}/cap}.
 */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "CAP 1.2", description = "Import and export alerts as CAP 1.2 XML")
class CapController {

  static final String CAP_XML = "application/cap+xml";

  private static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,200}";

  private final AlertService alerts;
  private final AlertQueries queries;
  private final ZoneCatalogue zones;
  private final CapImports imports;
  private final CapReader reader;
  private final CapGeocodes geocodes;
  private final CapWriter writer;

  CapController(AlertService alerts, AlertQueries queries, ZoneCatalogue zones,
                CapImports imports, CapProperties properties, GeometryProperties geometry) {
    this.alerts = alerts;
    this.queries = queries;
    this.zones = zones;
    this.imports = imports;
    this.reader = new CapReader(properties, geometry.maxVerticesPerPolygon());
    this.geocodes = new CapGeocodes(properties, zones::zonesWithCodes);
    this.writer = new CapWriter(properties);
  }

  @PostMapping(consumes = {CAP_XML, "application/xml", "text/xml"}, produces = "application/json")
  @Operation(summary = "Draft an alert from a CAP 1.2 Alert message (OPERATOR); the same "
      + "message (sender, identifier) again answers with the alert the first made")
  ResponseEntity<CapAnswer> create(
      @Parameter(hidden = true) Operator operator, @RequestBody String xml,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    CapMessage message = geocodes.resolve(reader.read(xml));
    if (message.msgType() != MessageType.ALERT) {
      String target = message.references().stream().map(queries::alertOfMessage)
          .flatMap(Optional::stream).findFirst()
          .map(id -> "/api/v1/alerts/" + id + "/" + message.msgType().name().toLowerCase())
          .orElse("/api/v1/alerts/{id}/" + message.msgType().name().toLowerCase());
      throw Rejection.invalid(new Violation("alert.msgType", "is " + message.msgType()
          + ", which changes an existing alert: POST it to " + target));
    }
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "create-cap", xml);
    List<CapImports.Imported> imported = new ArrayList<>();
    AlertService.Outcome outcome = IdempotentCalls.run(() -> {
      CapImports.Imported once = imports.importAlert(operator, message, idempotency);
      imported.add(once);
      return once.outcome();
    });
    return ResponseEntity.status(outcome.status())
        .location(URI.create("/api/v1/alerts/" + outcome.alert().id()))
        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
        .body(new CapAnswer(outcome.alert(), imported.get(imported.size() - 1).warnings()));
  }

  @PostMapping(path = "/{id}/update", consumes = {CAP_XML, "application/xml", "text/xml"},
      produces = "application/json")
  @Operation(summary = "Correct a published alert with a CAP 1.2 Update that references it: "
      + "an ACTUAL alert's waits for approval by a second person (202)")
  ResponseEntity<CapAnswer> update(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestBody String xml,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    CapMessage message = referencing(id, MessageType.UPDATE, geocodes.resolve(reader.read(xml)));
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "update-cap " + id, xml);
    return respond(IdempotentCalls.run(() ->
        alerts.update(operator, id, message.content(), idempotency)), message.warnings());
  }

  @PostMapping(path = "/{id}/cancel", consumes = {CAP_XML, "application/xml", "text/xml"},
      produces = "application/json")
  @Operation(summary = "Cancel an alert with a CAP 1.2 Cancel that references it; its info "
      + "blocks are the cancel's own texts (an ACTUAL alert's then waits for approval, 202), "
      + "none means the prepared texts (at once)")
  ResponseEntity<CapAnswer> cancel(
      @Parameter(hidden = true) Operator operator, @PathVariable UUID id,
      @RequestBody String xml,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey) {
    CapMessage message = referencing(id, MessageType.CANCEL, geocodes.resolve(reader.read(xml)));
    AlertStatus cancelled = queries.get(id).status();
    if (message.content().status() != cancelled) {
      throw Rejection.invalid(new Violation("alert.status", "is " + message.content().status()
          + " where the alert it cancels is " + cancelled + ": a contradiction"));
    }
    AlertService.Idempotency idempotency = AlertService.Idempotency.of(idempotencyKey,
        "cancel-cap " + id, xml);
    return respond(IdempotentCalls.run(() -> alerts.cancel(operator, id,
        message.content().note(), message.texts(), idempotency)), message.warnings());
  }

  @GetMapping(path = "/{id}/cap", produces = CAP_XML)
  @Operation(summary = "A message of the alert as CAP 1.2: the given version, else the latest "
      + "(a draft: the message it would publish) (OPERATOR, APPROVER, AUDITOR)")
  ResponseEntity<String> export(@PathVariable UUID id,
                                @RequestParam(required = false) Integer version) {
    return cap(queries.message(id, version));
  }

  private static ResponseEntity<CapAnswer> respond(AlertService.Outcome outcome,
                                                   List<CapWarning> warnings) {
    return ResponseEntity.status(outcome.status())
        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
        .body(new CapAnswer(outcome.alert(), warnings));
  }

  private ResponseEntity<String> cap(AlertService.Message message) {
    String xml = writer.write(message, this::zone);
    return ResponseEntity.ok().header("Content-Type", CAP_XML + ";charset=UTF-8").body(xml);
  }

  private Optional<Zone> zone(String id) {
    try {
      return Optional.of(zones.get(id));
    } catch (Rejection notFound) {
      return Optional.empty();
    }
  }

  private CapMessage referencing(UUID id, MessageType expected, CapMessage message) {
    if (message.msgType() != expected) {
      throw Rejection.invalid(new Violation("alert.msgType", "is " + message.msgType()
          + "; this call takes a CAP " + expected));
    }
    boolean references = message.references().stream().map(queries::alertOfMessage)
        .flatMap(Optional::stream).anyMatch(id::equals);
    if (!references) {
      throw Rejection.invalid(new Violation("alert.references", "name no message of alert "
          + id + " sent by this service"));
    }
    return message;
  }
}
