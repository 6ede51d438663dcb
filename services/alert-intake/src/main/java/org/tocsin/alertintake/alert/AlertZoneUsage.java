package org.tocsin.alertintake.alert;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.zone.ZoneUsage;

/** The zones used by active alerts, for the catalogue's deletion rule. */
@Component
class AlertZoneUsage implements ZoneUsage {

  private final AlertRepository alerts;

  AlertZoneUsage(AlertRepository alerts) {
    this.alerts = alerts;
  }

  @Override
  public List<String> activeAlertsUsing(String zoneId) {
    return alerts.activeAlertsUsing(zoneId);
  }
}
