package org.tocsin.subscriptions.zone;

import java.util.List;

/** Zone ids that are not in the catalogue, or whose event has ended. */
public class UnknownZonesException extends RuntimeException {

  private final List<String> zoneIds;

  public UnknownZonesException(List<String> zoneIds) {
    super(zoneIds.size() + " zone(s) unknown or ended");
    this.zoneIds = List.copyOf(zoneIds);
  }

  public List<String> zoneIds() {
    return zoneIds;
  }
}
