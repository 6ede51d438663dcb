package org.tocsin.alertintake.area;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * An area as dispatchers receive it: the drawn polygons plus the polygons of the named zones,
 * the circles, and the ids of every catalogue zone the area touches.
 */
public record ResolvedArea(String description, List<AreaPolygon> polygons,
                           List<DrawnCircle> circles, List<String> zoneIds) {

  public ResolvedArea {
    polygons = List.copyOf(polygons);
    circles = List.copyOf(circles);
    zoneIds = List.copyOf(zoneIds);
  }

  public int vertices() {
    return polygons.stream().mapToInt(AreaPolygon::vertices).sum();
  }

  /** The union of areas: every polygon, circle and zone id of any of them, once. */
  public static ResolvedArea union(List<ResolvedArea> areas) {
    LinkedHashSet<String> descriptions = new LinkedHashSet<>();
    LinkedHashSet<AreaPolygon> polygons = new LinkedHashSet<>();
    LinkedHashSet<DrawnCircle> circles = new LinkedHashSet<>();
    TreeSet<String> zoneIds = new TreeSet<>();
    for (ResolvedArea area : areas) {
      descriptions.add(area.description());
      polygons.addAll(area.polygons());
      circles.addAll(area.circles());
      zoneIds.addAll(area.zoneIds());
    }
    return new ResolvedArea(String.join("; ", descriptions), new ArrayList<>(polygons),
        new ArrayList<>(circles), new ArrayList<>(zoneIds));
  }
}
