package org.tocsin.alertintake.alert;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends alerts whose expiry passed and forgets old idempotency keys, on a schedule. */
@Component
class AlertExpiry {

  private final ExpiredAlerts alerts;

  AlertExpiry(ExpiredAlerts alerts) {
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
