package org.tocsin.alertintake.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alertintake.rejection.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeometryTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final GeometryRules RULES =
      new GeometryRules(new Envelope(1.0, 8.5, 48.5, 54.0), 100);
  private final GeoJsonPolygons reader = new GeoJsonPolygons(100);

  @Test
  void readsAPolygonAndAMultiPolygonAsLongitudeLatitude() {
    GeoJsonPolygons.Read polygon = reader.read(json("""
        {"type": "Polygon", "coordinates": [[[4.3, 50.8], [4.4, 50.8], [4.4, 50.9], [4.3, 50.8]]]}
        """), "p");
    assertThat(polygon.violations()).isEmpty();
    assertThat(polygon.polygons().get(0).getCoordinates()[1]).isEqualTo(new Coordinate(4.4, 50.8));
    GeoJsonPolygons.Read multi = reader.read(json("""
        {"type": "MultiPolygon", "coordinates": [
          [[[4.3, 50.8], [4.4, 50.8], [4.4, 50.9], [4.3, 50.8]]],
          [[[5.3, 50.8], [5.4, 50.8], [5.4, 50.9], [5.3, 50.8]]]]}
        """), "p");
    assertThat(multi.polygons()).hasSize(2);
  }

  @Test
  void namesTheDefectOfABadGeoJsonGeometry() {
    assertThat(reader.read(json("""
        {"type": "Polygon", "coordinates": [[[4.3, 50.8], [4.4, 50.8], [4.4, 50.9], [4.3, 50.9]]]}
        """), "p").violations()).containsExactly(new Violation("p.coordinates[0]",
        "is not closed: its last position must repeat the first"));
    assertThat(reader.read(json("""
        {"type": "Polygon", "coordinates": [[[4.3, 50.8], [4.4, 50.8], [4.3, 50.8]]]}
        """), "p").violations()).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("at least 4"));
    assertThat(reader.read(json("""
        {"type": "Polygon", "coordinates": [[[4.3, 50.8], [184, 50.8], [4.4, 50.9], [4.3, 50.8]]]}
        """), "p").violations()).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("p.coordinates[0][1]"));
    assertThat(reader.read(json("""
        {"type": "Point", "coordinates": [4.3, 50.8]}
        """), "p").violations()).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("Polygon or MultiPolygon"));
    assertThat(reader.read(json("""
        {"type": "Polygon", "coordinates": [[["a", "b"], [4.4, 50.8], [4.4, 50.9], ["a", "b"]]]}
        """), "p").violations()).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("[longitude, latitude]"));
  }

  @Test
  void countsVerticesBeforeBuildingAnything() {
    StringBuilder ring = new StringBuilder("[4.3, 50.8]");
    for (int i = 0; i < 200; i++) {
      ring.append(", [4.4, 50.8]");
    }
    ring.append(", [4.3, 50.8]");
    assertThat(reader.read(json("{\"type\": \"Polygon\", \"coordinates\": [[" + ring + "]]}"),
        "p").violations()).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("202 vertices; at most 100"));
  }

  @Test
  void refusesSelfIntersectionAndGeometryOutsideTheServiceBounds() {
    Polygon bowtie = Geometries.polygon(List.of(new LatLon(50.8, 4.3), new LatLon(50.9, 4.4),
        new LatLon(50.8, 4.4), new LatLon(50.9, 4.3), new LatLon(50.8, 4.3)), List.of());
    assertThat(RULES.check(bowtie, "p")).singleElement()
        .satisfies(v -> assertThat(v.reason()).startsWith("self-intersects near lat 50.85"));
    Polygon madrid = Geometries.polygon(List.of(new LatLon(40.4, -3.7), new LatLon(40.4, -3.6),
        new LatLon(40.5, -3.6), new LatLon(40.4, -3.7)), List.of());
    assertThat(RULES.check(madrid, "p")).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("outside the service bounds"));
    Polygon brussels = Geometries.polygon(List.of(new LatLon(50.8, 4.3), new LatLon(50.8, 4.4),
        new LatLon(50.9, 4.4), new LatLon(50.8, 4.3)), List.of());
    assertThat(RULES.check(brussels, "p")).isEmpty();
  }

  @Test
  void aGeodesicCirclePolygonContainsTheWholeCircle() {
    LatLon doel = new LatLon(51.3245, 4.2583);
    Polygon circle = GeodesicCircles.polygon(doel, 10_000, 64);
    assertThat(circle.isValid()).isTrue();
    assertThat(circle.getNumPoints()).isEqualTo(65);
    double circumscribed = 10_000 / Math.cos(Math.PI / 64);
    for (Coordinate vertex : circle.getCoordinates()) {
      assertThat(GeodesicCircles.distanceMetres(doel, LatLon.of(vertex)))
          .isCloseTo(circumscribed, org.assertj.core.data.Offset.offset(0.01));
    }
    for (int i = 0; i < 64; i++) {
      Coordinate a = circle.getCoordinates()[i];
      Coordinate b = circle.getCoordinates()[i + 1];
      LatLon middle = new LatLon((a.y + b.y) / 2, (a.x + b.x) / 2);
      assertThat(GeodesicCircles.distanceMetres(doel, middle))
          .as("the middle of each edge lies outside the circle").isGreaterThan(9_999.0);
    }
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
