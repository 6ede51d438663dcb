package org.tocsin.alertintake.alert;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends alerts whose expiry passed (EXPIRED, audited, their zones released) and forgets old
 * idempotency keys. No event is published: every AlertEvent carries its expiry and dispatchers
 * send nothing after it.
 */
@Component
class AlertExpiry {

  private final AlertService alerts;

  AlertExpiry(AlertService alerts) {
    this.alerts = alerts;
  }

  @Scheduled(fixedDelayString = "${tocsin.alerts.expiry-check-interval:30s}",
      initialDelayString = "${tocsin.alerts.expiry-check-interval:30s}")
  void expireDueAlerts() {
    int expired;
    do {
      expired = alerts.expireDue();
    } while (expired > 0);
    alerts.forgetOldIdempotencyKeys();
  }
}
