package org.tocsin.alertintake.zone;

import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.ZoneChanged;

/** The catalogue entry as subscriptions sees it: everything but the geometry. */
final class ZoneEvents {

  private ZoneEvents() {
  }

  static ZoneChanged changed(Zone zone) {
    return ZoneChanged.newBuilder()
        .setZoneId(zone.id())
        .setKind(zone.kind())
        .setNames(new java.util.HashMap<>(zone.names()))
        .setParentId(zone.parentId())
        .setPostcodes(zone.postcodes())
        .setInteriorPoint(new Coordinate(zone.interiorPoint().lat(), zone.interiorPoint().lon()))
        .setValidUntil(zone.validUntil())
        .setChangedAt(zone.changedAt())
        .build();
  }
}
