package org.tocsin.dispatcher.alert;

import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Severity;

/** The rules an alert's status and severity decide. */
public final class AlertRules {

  private AlertRules() {
  }

  /** ACTUAL alerts of severity EXTREME or SEVERE: categories cannot be declined, high lane. */
  public static boolean lifeSafety(AlertStatus status, Severity severity) {
    return status == AlertStatus.ACTUAL
        && (severity == Severity.EXTREME || severity == Severity.SEVERE);
  }

  public static Lane lane(AlertStatus status, Severity severity) {
    return lifeSafety(status, severity) ? Lane.HIGH : Lane.NORMAL;
  }
}
