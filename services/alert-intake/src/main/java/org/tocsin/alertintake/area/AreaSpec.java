package org.tocsin.alertintake.area;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The area of an alert as the operator gave it: drawn polygons and circles and named zones of
 * the catalogue, in any mix.
 */
public record AreaSpec(String description, List<DrawnPolygon> polygons, List<DrawnCircle> circles,
                       List<String> zoneIds) {

  public AreaSpec {
    polygons = copy(polygons);
    circles = copy(circles);
    zoneIds = copy(zoneIds);
  }

  /** A read-only copy that, unlike List.copyOf, keeps nulls for the rules to report. */
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
