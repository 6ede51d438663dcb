package org.tocsin.alertintake.zone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.ZoneKind;

/** A catalogue entry without its geometry, as listed. */
public record ZoneSummary(String id, ZoneKind kind, Map<String, String> names, String parentId,
                          List<String> postcodes, LatLon interiorPoint, Instant validUntil,
                          Instant changedAt) {
}
