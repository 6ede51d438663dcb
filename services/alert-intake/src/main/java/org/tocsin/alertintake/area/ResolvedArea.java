package org.tocsin.alertintake.area;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An area as dispatchers receive it: the drawn polygons plus the polygons of the named zones,
 * the circles, and the ids of every catalogue zone the area touches.
 *
 * @param zoneVersions the version of each named zone whose polygons are included (not sent to
 *     dispatchers: it records which geometry of a zone a message was sent with)
 */
public record ResolvedArea(String description, List<AreaPolygon> polygons,
                           List<DrawnCircle> circles, List<String> zoneIds,
                           Map<String, Integer> zoneVersions) {

  public ResolvedArea {
    polygons = List.copyOf(polygons);
    circles = List.copyOf(circles);
    zoneIds = List.copyOf(zoneIds);
    zoneVersions = zoneVersions == null ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(zoneVersions));
  }

  /** An area that names no zone of the catalogue. */
  public ResolvedArea(String description, List<AreaPolygon> polygons, List<DrawnCircle> circles,
                      List<String> zoneIds) {
    this(description, polygons, circles, zoneIds, Map.of());
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
    TreeMap<String, Integer> zoneVersions = new TreeMap<>();
    for (ResolvedArea area : areas) {
      descriptions.add(area.description());
      polygons.addAll(area.polygons());
      circles.addAll(area.circles());
      zoneIds.addAll(area.zoneIds());
      area.zoneVersions().forEach((id, version) -> zoneVersions.merge(id, version, Math::max));
    }
    return new ResolvedArea(String.join("; ", descriptions), new ArrayList<>(polygons),
        new ArrayList<>(circles), new ArrayList<>(zoneIds), zoneVersions);
  }
}
