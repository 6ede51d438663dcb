package org.tocsin.alertintake.geometry;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** The one geometry factory of the service: WGS 84 (SRID 4326), x = longitude, y = latitude. */
public final class Geometries {

  public static final int WGS84 = 4326;
  public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84);

  private Geometries() {
  }

  /** A polygon from closed rings of positions; the first ring is the exterior. */
  public static Polygon polygon(List<LatLon> exterior, List<List<LatLon>> holes) {
    LinearRing shell = ring(exterior);
    LinearRing[] interior = holes.stream().map(Geometries::ring).toArray(LinearRing[]::new);
    return FACTORY.createPolygon(shell, interior);
  }

  public static LinearRing ring(List<LatLon> positions) {
    return FACTORY.createLinearRing(
        positions.stream().map(LatLon::toCoordinate).toArray(Coordinate[]::new));
  }

  /** The polygons of a Polygon or MultiPolygon, or of a collection of them. */
  public static List<Polygon> polygonsOf(Geometry geometry) {
    List<Polygon> polygons = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part instanceof Polygon polygon) {
        polygons.add(polygon);
      } else if (part instanceof MultiPolygon multi) {
        polygons.addAll(polygonsOf(multi));
      }
    }
    return polygons;
  }

  public static List<LatLon> positions(LinearRing ring) {
    List<LatLon> positions = new ArrayList<>(ring.getNumPoints());
    for (Coordinate coordinate : ring.getCoordinates()) {
      positions.add(LatLon.of(coordinate));
    }
    return positions;
  }

  public static Geometry union(List<? extends Geometry> parts) {
    return FACTORY.buildGeometry(parts);
  }
}
