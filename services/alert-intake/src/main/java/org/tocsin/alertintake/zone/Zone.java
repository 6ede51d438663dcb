package org.tocsin.alertintake.zone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.ZoneKind;

/**
 * A named zone of the catalogue: a municipality, province, planning zone or event zone that an
 * alert can name and a citizen can subscribe to.
 *
 * @param geometry a Polygon or MultiPolygon
 * @param interiorPoint a point inside the zone
 * @param validUntil the end of an event zone, or null
 */
public record Zone(String id, ZoneKind kind, Map<String, String> names, String parentId,
                   List<String> postcodes, Geometry geometry, LatLon interiorPoint,
                   Instant validUntil, Instant changedAt) {

  public Zone {
    names = Map.copyOf(names);
    postcodes = List.copyOf(postcodes);
  }

  /** The name in this language, else any name. */
  public String name(String language) {
    String name = names.get(language);
    return name != null ? name : names.values().stream().sorted().findFirst().orElse(id);
  }
}
