package org.tocsin.alertintake.area;

import java.util.List;

/**
 * The area of an alert as the operator gave it: drawn polygons and circles and named zones of
 * the catalogue, in any mix.
 */
public record AreaSpec(String description, List<DrawnPolygon> polygons, List<DrawnCircle> circles,
                       List<String> zoneIds) {

  public AreaSpec {
    polygons = polygons == null ? List.of() : List.copyOf(polygons);
    circles = circles == null ? List.of() : List.copyOf(circles);
    zoneIds = zoneIds == null ? List.of() : List.copyOf(zoneIds);
  }
}
