package org.tocsin.alertintake.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.operator.Operator;

/**
 * Ends alerts whose expiry passed: EXPIRED, audited, their zones released, a message awaiting
 * approval dropped. No event is published: every AlertEvent carries its expiry and dispatchers
 * send nothing after it.
 */
@Service
class ExpiredAlerts {

  private static final Logger log = LoggerFactory.getLogger(ExpiredAlerts.class);
  private static final int BATCH = 100;

  private final AlertRepository alerts;
  private final AuditTrail audit;
  private final ApprovalService approvals;
  private final IdempotencyKeys idempotencyKeys;
  private final AlertProperties properties;
  private final Clock clock;

  ExpiredAlerts(AlertRepository alerts, AuditTrail audit, ApprovalService approvals,
                IdempotencyKeys idempotencyKeys, AlertProperties properties, Clock clock) {
    this.alerts = alerts;
    this.audit = audit;
    this.approvals = approvals;
    this.idempotencyKeys = idempotencyKeys;
    this.properties = properties;
    this.clock = clock;
  }

  /** Marks up to one batch of alerts past their expiry EXPIRED; returns how many. */
  @Transactional
  public int expireDue() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Operator system = Operator.system("expiry schedule");
    List<UUID> due = alerts.lockDueForExpiry(now, BATCH);
    for (UUID id : due) {
      Alert alert = alerts.find(id).orElseThrow();
      approvals.close(alert, ApprovalState.DROPPED, system, "the alert expired", now);
      Alert expired = alert.withState(AlertState.EXPIRED, now);
      alerts.update(expired);
      alerts.clearZones(id);
      audit.record(expired, system, "EXPIRE", alert.state(), "expired at "
          + alert.content().expires(), now);
    }
    if (!due.isEmpty()) {
      log.info("{} alerts expired", due.size());
    }
    return due.size();
  }

  @Transactional
  public int forgetOldIdempotencyKeys() {
    return idempotencyKeys.forgetOlderThan(clock.instant()
        .minus(properties.idempotencyRetention()));
  }
}
