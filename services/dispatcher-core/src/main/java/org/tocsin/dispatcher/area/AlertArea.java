package org.tocsin.dispatcher.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Circle;

/**
 * The geometry an alert targets: the union of the polygons and geodesic circles of one or more
 * {@link Area}s (for an update or cancel: the area and the previous area). Points on the
 * boundary are inside: someone on the line is warned.
 *
 * <p>Polygons are read as longitude/latitude on a plane (JTS, prepared and indexed); areas
 * crossing the antimeridian are not supported. Invalid polygons (self-intersections, unclosed
 * rings) are repaired rather than refused: an alert is never dropped over its drawing.
 */
public final class AlertArea {

  /** How much of a latitude/longitude rectangle the area covers. */
  public enum Coverage { OUTSIDE, PARTIAL, INSIDE }

  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private final Geometry polygons;
  private final PreparedGeometry prepared;
  private final IndexedPointInAreaLocator locator;
  private final List<GeodesicCircle> circles;
  private final Envelope envelope;

  private AlertArea(Geometry polygons, List<GeodesicCircle> circles) {
    this.polygons = polygons;
    this.prepared = polygons.isEmpty() ? null : PreparedGeometryFactory.prepare(polygons);
    this.locator = polygons.isEmpty() ? null : new IndexedPointInAreaLocator(polygons);
    this.circles = List.copyOf(circles);
    Envelope all = new Envelope(polygons.getEnvelopeInternal());
    for (GeodesicCircle circle : circles) {
      all.expandToInclude(circle.minLon(), circle.minLat());
      all.expandToInclude(circle.maxLon(), circle.maxLat());
    }
    this.envelope = all;
  }

  /** The union of these areas; null areas are ignored. */
  public static AlertArea of(Area... areas) {
    List<Geometry> parts = new ArrayList<>();
    List<GeodesicCircle> circles = new ArrayList<>();
    for (Area area : areas) {
      if (area == null) {
        continue;
      }
      for (org.tocsin.events.v1.Polygon polygon : area.getPolygons()) {
        Geometry geometry = toGeometry(polygon);
        if (geometry != null && !geometry.isEmpty()) {
          parts.add(geometry);
        }
      }
      for (Circle circle : area.getCircles()) {
        org.tocsin.events.v1.Coordinate centre = circle.getCentre();
        if (validPosition(centre.getLat(), centre.getLon())
            && Double.isFinite(circle.getRadiusMetres()) && circle.getRadiusMetres() >= 0) {
          circles.add(new GeodesicCircle(centre.getLat(), centre.getLon(),
              circle.getRadiusMetres()));
        }
      }
    }
    Geometry union = parts.isEmpty() ? GEOMETRY.createPolygon() : UnaryUnionOp.union(parts);
    return new AlertArea(union, circles);
  }

  /** Longitude (x) and latitude (y) bounds of the whole area; null when it has no geometry. */
  public Envelope envelope() {
    return envelope.isNull() ? null : envelope;
  }

  public boolean isEmpty() {
    return polygons.isEmpty() && circles.isEmpty();
  }

  public Coverage coverage(double south, double west, double north, double east) {
    boolean partial = false;
    for (GeodesicCircle circle : circles) {
      if (circle.mayIntersect(south, west, north, east)) {
        if (circle.covers(south, west, north, east)) {
          return Coverage.INSIDE;
        }
        partial = true;
      }
    }
    if (prepared != null) {
      Polygon cell = GEOMETRY.createPolygon(new Coordinate[] {
          new Coordinate(west, south),
          new Coordinate(east, south),
          new Coordinate(east, north),
          new Coordinate(west, north),
          new Coordinate(west, south)});
      if (prepared.covers(cell)) {
        return Coverage.INSIDE;
      }
      if (prepared.intersects(cell)) {
        partial = true;
      }
    }
    return partial ? Coverage.PARTIAL : Coverage.OUTSIDE;
  }

  public boolean contains(double lat, double lon) {
    if (locator != null
        && locator.locate(new Coordinate(lon, lat))
        != Location.EXTERIOR) {
      return true;
    }
    for (GeodesicCircle circle : circles) {
      if (circle.contains(lat, lon)) {
        return true;
      }
    }
    return false;
  }

  private static Geometry toGeometry(org.tocsin.events.v1.Polygon polygon) {
    LinearRing exterior = ring(polygon.getExterior());
    if (exterior == null) {
      return null;
    }
    List<LinearRing> holes = new ArrayList<>();
    for (List<org.tocsin.events.v1.Coordinate> hole : polygon.getHoles()) {
      LinearRing ring = ring(hole);
      if (ring != null) {
        holes.add(ring);
      }
    }
    Polygon shape = GEOMETRY.createPolygon(exterior, holes.toArray(LinearRing[]::new));
    return shape.isValid() ? shape : GeometryFixer.fix(shape);
  }

  private static LinearRing ring(List<org.tocsin.events.v1.Coordinate> points) {
    List<Coordinate> ring = new ArrayList<>();
    for (org.tocsin.events.v1.Coordinate point : points) {
      if (validPosition(point.getLat(), point.getLon())) {
        ring.add(new Coordinate(point.getLon(), point.getLat()));
      }
    }
    if (!ring.isEmpty() && !Objects.equals(ring.getFirst(), ring.getLast())) {
      ring.add(new Coordinate(ring.getFirst()));
    }
    if (ring.size() < 4) {
      return null;
    }
    return GEOMETRY.createLinearRing(ring.toArray(Coordinate[]::new));
  }

  static boolean validPosition(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }
}
