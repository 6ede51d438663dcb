package org.tocsin.alertintake.alert;

import org.springframework.stereotype.Component;

/** An alert as the API shows it, with its versions and the message awaiting approval. */
@Component
class AlertViews {

  private final AlertRepository alerts;
  private final Approvals approvals;

  AlertViews(AlertRepository alerts, Approvals approvals) {
    this.alerts = alerts;
    this.approvals = approvals;
  }

  AlertView of(Alert alert) {
    return AlertView.of(alert, alerts.versions(alert.id()), approvals.pending(alert.id()));
  }
}
