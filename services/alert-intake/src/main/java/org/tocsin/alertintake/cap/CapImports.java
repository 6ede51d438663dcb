package org.tocsin.alertintake.cap;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.alert.AlertQueries;
import org.tocsin.alertintake.alert.AlertService;
import org.tocsin.alertintake.operator.Operator;

/**
 * Imports CAP Alert messages as drafts, once each: the same message (sender, identifier), sent
 * twice or by two partners' relays at once, makes one alert; the second import answers with
 * the first one's alert.
 */
@Service
class CapImports {

  private final CapImportRepository imports;
  private final AlertService alerts;
  private final AlertQueries queries;
  private final Clock clock;

  CapImports(CapImportRepository imports, AlertService alerts, AlertQueries queries,
             Clock clock) {
    this.imports = imports;
    this.alerts = alerts;
    this.queries = queries;
    this.clock = clock;
  }

  /** An import: the alert's response, and the warnings of the import. */
  record Imported(AlertService.Outcome outcome, List<CapWarning> warnings) {
  }

  /**
   * Drafts the alert of the message, or answers with the alert an earlier import of the same
   * message made. Raises {@link DuplicateKeyException} when a concurrent import of the same
   * message won (this transaction then rolls back whole; running again finds the winner's).
   */
  @Transactional
  public Imported importAlert(Operator operator, CapMessage message,
                              AlertService.Idempotency idempotency) {
    Optional<UUID> earlier = imports.alertOf(message.sender(), message.identifier());
    if (earlier.isPresent()) {
      return new Imported(new AlertService.Outcome(200, queries.get(earlier.get()), true),
          List.of(new CapWarning("alert.identifier", "the message " + message.source()
              + " was imported before, as alert " + earlier.get() + "; nothing new was "
              + "created")));
    }
    AlertService.Outcome outcome = alerts.create(operator, message.content(), message.source(),
        idempotency);
    if (!outcome.replayed() && !imports.record(message.sender(), message.identifier(),
        outcome.alert().id(), clock.instant())) {
      throw new DuplicateKeyException("CAP message " + message.source() + " imported "
          + "concurrently");
    }
    return new Imported(outcome, message.warnings());
  }
}
