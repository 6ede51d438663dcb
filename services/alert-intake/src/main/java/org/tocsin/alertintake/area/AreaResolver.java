package org.tocsin.alertintake.area;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.geometry.GeodesicCircles;
import org.tocsin.alertintake.geometry.Geometries;
import org.tocsin.alertintake.geometry.GeometryProperties;
import org.tocsin.alertintake.geometry.GeometryRules;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.alertintake.text.UnsafeCharacters;
import org.tocsin.alertintake.zone.ZoneCatalogue;
import org.tocsin.alertintake.zone.ZoneIndex;

/**
 * Checks an operator's area and resolves it into what dispatchers need: the drawn polygons and
 * the named zones' polygons (of their current versions), the circles, and the ids of every
 * catalogue zone the area touches.
 */
@Component
public class AreaResolver {

  private final AreaProperties properties;
  private final GeometryRules rules;
  private final int circleSegments;
  private final ZoneCatalogue catalogue;
  private final ZoneIndex index;

  AreaResolver(AreaProperties properties, GeometryProperties geometry, ZoneCatalogue catalogue,
               ZoneIndex index) {
    this.properties = properties;
    this.rules = geometry.rules();
    this.circleSegments = geometry.circleSegments();
    this.catalogue = catalogue;
    this.index = index;
  }

  /** Everything that can be checked without the catalogue, reported against {@code field}. */
  public void check(AreaSpec area, String field, Violations violations) {
    if (area == null) {
      violations.add(field, "is required");
      return;
    }
    if (area.description() == null || area.description().isBlank()) {
      violations.add(field + ".description", "is required (CAP areaDesc)");
    } else if (area.description().length() > properties.maxDescriptionLength()) {
      violations.add(field + ".description", "is " + area.description().length()
          + " characters; at most " + properties.maxDescriptionLength());
    }
    if (area.description() != null) {
      UnsafeCharacters.problem(area.description())
          .ifPresent(problem -> violations.add(field + ".description", problem));
    }
    if (area.polygons().isEmpty() && area.circles().isEmpty() && area.zoneIds().isEmpty()) {
      violations.add(field, "needs at least one polygon, circle or zone");
    }
    if (area.polygons().size() > properties.maxPolygons()) {
      violations.add(field + ".polygons", "has " + area.polygons().size() + " polygons; at most "
          + properties.maxPolygons());
    } else {
      for (int i = 0; i < area.polygons().size(); i++) {
        checkPolygon(area.polygons().get(i), field + ".polygons[" + i + "]", violations);
      }
    }
    if (area.circles().size() > properties.maxCircles()) {
      violations.add(field + ".circles", "has " + area.circles().size() + " circles; at most "
          + properties.maxCircles());
    } else {
      for (int i = 0; i < area.circles().size(); i++) {
        checkCircle(area.circles().get(i), field + ".circles[" + i + "]", violations);
      }
    }
    if (area.zoneIds().size() > properties.maxZones()) {
      violations.add(field + ".zoneIds", "has " + area.zoneIds().size() + " zones; at most "
          + properties.maxZones());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < area.zoneIds().size(); i++) {
      String id = area.zoneIds().get(i);
      if (id == null || id.isBlank()) {
        violations.add(field + ".zoneIds[" + i + "]", "is empty");
      } else if (!seen.add(id)) {
        violations.add(field + ".zoneIds[" + i + "]", "names zone '" + id + "' twice");
      }
    }
  }

  /**
   * Resolves a checked area inside the caller's transaction; the named zones are locked against
   * deletion until it ends. Unknown zones and an area too large to publish are violations.
   */
  public ResolvedArea resolve(AreaSpec area, String field, Violations violations) {
    Set<String> named = new LinkedHashSet<>(area.zoneIds());
    Set<String> existing = catalogue.lockExisting(named);
    for (int i = 0; i < area.zoneIds().size(); i++) {
      if (!existing.contains(area.zoneIds().get(i))) {
        violations.add(field + ".zoneIds[" + i + "]", "names zone '" + area.zoneIds().get(i)
            + "', which is not in the catalogue");
      }
    }
    if (!violations.isEmpty()) {
      return null;
    }
    List<AreaPolygon> polygons = new ArrayList<>();
    List<Geometry> parts = new ArrayList<>();
    Map<String, Integer> zoneVersions = new TreeMap<>();
    for (DrawnPolygon drawn : area.polygons()) {
      polygons.add(new AreaPolygon(drawn.ring(), List.of()));
      parts.add(Geometries.polygon(drawn.ring(), List.of()));
    }
    for (DrawnCircle circle : area.circles()) {
      parts.add(GeodesicCircles.polygon(circle.centre(), circle.radiusMetres(), circleSegments));
    }
    for (String zoneId : named) {
      ZoneIndex.IndexedZone indexed = index.zone(zoneId).orElseThrow();
      Geometry zone = indexed.geometry();
      zoneVersions.put(zoneId, indexed.version());
      parts.add(zone);
      for (Polygon polygon : Geometries.polygonsOf(zone)) {
        List<List<LatLon>> holes = new ArrayList<>();
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          holes.add(Geometries.positions(polygon.getInteriorRingN(h)));
        }
        polygons.add(new AreaPolygon(Geometries.positions((LinearRing) polygon.getExteriorRing()),
            holes));
      }
    }
    TreeSet<String> touched = new TreeSet<>(named);
    for (Geometry part : parts) {
      touched.addAll(index.zonesTouchedBy(part));
    }
    touched.retainAll(catalogue.lockExisting(touched));
    ResolvedArea resolved = new ResolvedArea(area.description(), polygons, area.circles(),
        new ArrayList<>(touched), zoneVersions);
    if (resolved.vertices() > properties.maxVertices()) {
      violations.add(field, "has " + resolved.vertices() + " vertices with its zones' polygons; at "
          + "most " + properties.maxVertices() + " can be published: use fewer or simpler "
          + "polygons or zones");
    }
    return resolved;
  }

  private void checkPolygon(DrawnPolygon polygon, String field, Violations violations) {
    List<LatLon> ring = polygon.ring();
    if (ring.size() < 4) {
      violations.add(field, "has " + ring.size()
          + " positions; a closed ring needs at least 4 (the first repeated last)");
      return;
    }
    if (ring.size() > rules.maxVerticesPerPolygon()) {
      violations.add(field, "has " + ring.size() + " vertices; at most "
          + rules.maxVerticesPerPolygon() + " per polygon");
      return;
    }
    for (int i = 0; i < ring.size(); i++) {
      if (!ring.get(i).withinRange()) {
        violations.add(field + "[" + i + "]", "is out of range: latitude must be within [-90, 90] "
            + "and longitude within [-180, 180]");
        return;
      }
    }
    if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
      violations.add(field, "is not closed: its last position must repeat the first");
      return;
    }
    rules.check(Geometries.polygon(ring, List.of()), field)
        .forEach(v -> violations.add(v.field(), v.reason()));
  }

  private void checkCircle(DrawnCircle circle, String field, Violations violations) {
    if (circle == null) {
      violations.add(field, "must not be null");
      return;
    }
    if (circle.centre() == null || !circle.centre().withinRange()) {
      violations.add(field + ".centre", "must be a position with latitude within [-90, 90] and "
          + "longitude within [-180, 180]");
      return;
    }
    double radius = circle.radiusMetres();
    if (!Double.isFinite(radius) || radius <= 0) {
      violations.add(field + ".radiusMetres", "must be more than 0");
      return;
    }
    if (radius > properties.maxRadiusMetres()) {
      violations.add(field + ".radiusMetres", "is " + radius + " m; at most "
          + properties.maxRadiusMetres() + " m");
      return;
    }
    if (!rules.covers(GeodesicCircles.polygon(circle.centre(), radius, circleSegments))) {
      violations.add(field, "reaches outside the service bounds " + rules.describeBounds()
          + " (lat/lon)");
    }
  }
}
