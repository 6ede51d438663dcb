package org.tocsin.alertpage.map;

import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Circle;

/**
 * An alert's area as one JTS geometry in longitude/latitude, for drawing: its polygons
 * (repaired if their drawing is invalid, as dispatchers read them) and its geodesic circles as
 * polygons of {@code circleSegments} points, united.
 */
final class AreaGeometry {

  static final GeometryFactory GEOMETRY = new GeometryFactory();

  private AreaGeometry() {
  }

  static Geometry of(Area area, int circleSegments) {
    List<Geometry> parts = new ArrayList<>();
    for (org.tocsin.events.v1.Polygon polygon : area.getPolygons()) {
      Geometry shape = polygon(polygon);
      if (shape != null && !shape.isEmpty()) {
        parts.add(shape);
      }
    }
    for (Circle circle : area.getCircles()) {
      Geometry shape = circle(circle, circleSegments);
      if (shape != null) {
        parts.add(shape);
      }
    }
    return parts.isEmpty() ? GEOMETRY.createPolygon() : UnaryUnionOp.union(parts);
  }

  private static Geometry polygon(org.tocsin.events.v1.Polygon polygon) {
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
      if (valid(point.getLat(), point.getLon())) {
        ring.add(new Coordinate(point.getLon(), point.getLat()));
      }
    }
    if (!ring.isEmpty() && !ring.getFirst().equals2D(ring.getLast())) {
      ring.add(new Coordinate(ring.getFirst()));
    }
    return ring.size() < 4 ? null : GEOMETRY.createLinearRing(ring.toArray(Coordinate[]::new));
  }

  private static Geometry circle(Circle circle, int segments) {
    double lat = circle.getCentre().getLat();
    double lon = circle.getCentre().getLon();
    double radius = circle.getRadiusMetres();
    if (!valid(lat, lon) || !Double.isFinite(radius) || radius <= 0) {
      return null;
    }
    Coordinate[] ring = new Coordinate[segments + 1];
    for (int i = 0; i < segments; i++) {
      GeodesicData point = Geodesic.WGS84.Direct(lat, lon, 360.0 * i / segments, radius,
          GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
      ring[i] = new Coordinate(point.lon2, point.lat2);
    }
    ring[segments] = new Coordinate(ring[0]);
    Polygon shape = GEOMETRY.createPolygon(ring);
    return shape.isValid() ? shape : GeometryFixer.fix(shape);
  }

  private static boolean valid(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }
}
