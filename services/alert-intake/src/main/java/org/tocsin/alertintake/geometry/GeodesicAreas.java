package org.tocsin.alertintake.geometry;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas on the WGS 84 ellipsoid in square metres, ring by ring as the rings are given: each
 * polygon's exterior less its holes, whatever the rings' orientation. A self-intersecting ring
 * counts its lobes with opposite signs, as the shoelace formula does.
 */
public final class GeodesicAreas {

  private GeodesicAreas() {
  }

  public static double squareMetres(Geometry geometry) {
    double area = 0;
    for (Polygon polygon : Geometries.polygonsOf(geometry)) {
      area += ring(polygon.getExteriorRing());
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        area -= ring(polygon.getInteriorRingN(h));
      }
    }
    return area;
  }

  private static double ring(LineString ring) {
    PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
    Coordinate[] coordinates = ring.getCoordinates();
    // The closing position repeats the first: PolygonArea closes the ring itself.
    for (int i = 0; i < coordinates.length - 1; i++) {
      area.AddPoint(coordinates[i].y, coordinates[i].x);
    }
    return Math.abs(area.Compute(false, true).area);
  }
}
