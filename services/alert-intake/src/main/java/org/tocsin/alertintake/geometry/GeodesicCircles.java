package org.tocsin.alertintake.geometry;

import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.locationtech.jts.geom.Polygon;

/**
 * Geodesic circles on the WGS 84 ellipsoid as polygons, for deciding which zones a circle
 * touches. The polygon is circumscribed (its edges lie just outside the circle), so a zone the
 * circle reaches is never missed.
 */
public final class GeodesicCircles {

  private GeodesicCircles() {
  }

  public static Polygon polygon(LatLon centre, double radiusMetres, int segments) {
    double circumscribed = radiusMetres / Math.cos(Math.PI / segments);
    List<LatLon> ring = new ArrayList<>(segments + 1);
    for (int i = 0; i < segments; i++) {
      double azimuth = 360.0 * i / segments;
      GeodesicData point = Geodesic.WGS84.Direct(centre.lat(), centre.lon(), azimuth,
          circumscribed);
      ring.add(new LatLon(point.lat2, point.lon2));
    }
    ring.add(ring.get(0));
    return Geometries.polygon(ring, List.of());
  }

  /** Geodesic distance in metres between two positions. */
  public static double distanceMetres(LatLon from, LatLon to) {
    return Geodesic.WGS84.Inverse(from.lat(), from.lon(), to.lat(), to.lon()).s12;
  }
}
