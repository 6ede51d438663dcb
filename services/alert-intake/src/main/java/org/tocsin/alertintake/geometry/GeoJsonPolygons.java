package org.tocsin.alertintake.geometry;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alertintake.rejection.Violation;
import tools.jackson.databind.JsonNode;

/**
 * Reads GeoJSON Polygon and MultiPolygon geometries (positions are [longitude, latitude]) with
 * a precise reason for each defect: wrong type or nesting, a position out of range, a ring that
 * is not closed or too short, too many vertices. Vertices are counted before anything is built,
 * so a huge geometry costs nothing.
 */
public final class GeoJsonPolygons {

  private final int maxVertices;

  /** @param maxVertices the most vertices accepted in one geometry */
  public GeoJsonPolygons(int maxVertices) {
    this.maxVertices = maxVertices;
  }

  /** The result: the polygons read, or the violations found (then no polygon). */
  public record Read(List<Polygon> polygons, List<Violation> violations) {

    public boolean isValid() {
      return violations.isEmpty();
    }

    public Geometry geometry() {
      return Geometries.union(polygons);
    }
  }

  public Read read(JsonNode geometry, String field) {
    List<Violation> violations = new ArrayList<>();
    if (geometry == null || !geometry.isObject()) {
      violations.add(new Violation(field, "must be a GeoJSON Polygon or MultiPolygon object"));
      return new Read(List.of(), violations);
    }
    String type = geometry.path("type").asString("");
    JsonNode coordinates = geometry.get("coordinates");
    if (coordinates == null || !coordinates.isArray()) {
      violations.add(new Violation(field + ".coordinates", "must be an array"));
      return new Read(List.of(), violations);
    }
    List<JsonNode> polygonNodes = new ArrayList<>();
    switch (type) {
      case "Polygon" -> polygonNodes.add(coordinates);
      case "MultiPolygon" -> coordinates.forEach(polygonNodes::add);
      default -> {
        violations.add(new Violation(field + ".type",
            "must be Polygon or MultiPolygon, not '" + type + "'"));
        return new Read(List.of(), violations);
      }
    }
    int vertices = countVertices(coordinates, type.equals("Polygon") ? 3 : 4);
    if (vertices > maxVertices) {
      violations.add(new Violation(field, "has " + vertices + " vertices; at most " + maxVertices
          + " are accepted"));
      return new Read(List.of(), violations);
    }
    List<Polygon> polygons = new ArrayList<>();
    for (int p = 0; p < polygonNodes.size(); p++) {
      String polygonField = type.equals("Polygon") ? field + ".coordinates"
          : field + ".coordinates[" + p + "]";
      List<List<LatLon>> rings = readRings(polygonNodes.get(p), polygonField, violations);
      if (rings != null) {
        polygons.add(Geometries.polygon(rings.get(0), rings.subList(1, rings.size())));
      }
    }
    if (polygonNodes.isEmpty()) {
      violations.add(new Violation(field + ".coordinates", "holds no polygon"));
    }
    return violations.isEmpty() ? new Read(polygons, List.of()) : new Read(List.of(), violations);
  }

  private static List<List<LatLon>> readRings(JsonNode polygon, String field,
                                              List<Violation> violations) {
    if (!polygon.isArray() || polygon.isEmpty()) {
      violations.add(new Violation(field, "must be a non-empty array of linear rings"));
      return null;
    }
    List<List<LatLon>> rings = new ArrayList<>();
    boolean valid = true;
    for (int r = 0; r < polygon.size(); r++) {
      List<LatLon> ring = readRing(polygon.get(r), field + "[" + r + "]", violations);
      valid &= ring != null;
      rings.add(ring);
    }
    return valid ? rings : null;
  }

  private static List<LatLon> readRing(JsonNode ring, String field, List<Violation> violations) {
    if (!ring.isArray()) {
      violations.add(new Violation(field, "must be an array of positions"));
      return null;
    }
    if (ring.size() < 4) {
      violations.add(new Violation(field, "has " + ring.size()
          + " positions; a closed ring needs at least 4 (the first repeated last)"));
      return null;
    }
    List<LatLon> positions = new ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      JsonNode position = ring.get(i);
      if (!position.isArray() || position.size() < 2 || position.size() > 3
          || !position.get(0).isNumber() || !position.get(1).isNumber()) {
        violations.add(new Violation(field + "[" + i + "]",
            "must be a position [longitude, latitude]"));
        return null;
      }
      LatLon point = new LatLon(position.get(1).asDouble(), position.get(0).asDouble());
      if (!point.withinRange()) {
        violations.add(new Violation(field + "[" + i + "]", "is out of range: longitude must be "
            + "within [-180, 180] and latitude within [-90, 90]"));
        return null;
      }
      positions.add(point);
    }
    if (!positions.get(0).equals(positions.get(positions.size() - 1))) {
      violations.add(new Violation(field, "is not closed: its last position must repeat the "
          + "first"));
      return null;
    }
    return positions;
  }

  /** Positions in a coordinates array of the given depth (3 for Polygon, 4 for MultiPolygon). */
  private static int countVertices(JsonNode node, int depth) {
    if (depth == 1 || !node.isArray()) {
      return 1;
    }
    int count = 0;
    for (JsonNode child : node) {
      count += depth == 2 ? 1 : countVertices(child, depth - 1);
    }
    return count;
  }
}
