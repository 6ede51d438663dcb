package org.tocsin.alertintake.zone;

import java.util.List;

/** Tells which active alerts use a zone, so that a zone in use is never deleted. */
public interface ZoneUsage {

  /**
   * Ids of the alerts not yet over (draft, awaiting approval, issued) whose area, or whose
   * message awaiting approval, uses the zone.
   */
  List<String> activeAlertsUsing(String zoneId);
}
