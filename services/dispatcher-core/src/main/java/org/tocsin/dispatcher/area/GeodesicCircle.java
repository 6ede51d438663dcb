package org.tocsin.dispatcher.area;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;

/** Every point within a distance of a centre, measured on the WGS 84 ellipsoid (Karney). */
final class GeodesicCircle {

  private static final Geodesic WGS84 = Geodesic.WGS84;
  /** Widening of the longitude extent, which is largest slightly poleward of the centre. */
  private static final double LONGITUDE_MARGIN = 1.01;

  private final double lat;
  private final double lon;
  private final double radiusMetres;
  private final double minLat;
  private final double maxLat;
  private final double minLon;
  private final double maxLon;

  GeodesicCircle(double lat, double lon, double radiusMetres) {
    if (!(radiusMetres >= 0) || !Double.isFinite(radiusMetres)) {
      throw new IllegalArgumentException("A circle needs a radius of zero or more metres");
    }
    this.lat = lat;
    this.lon = lon;
    this.radiusMetres = radiusMetres;
    double north = WGS84.Direct(lat, lon, 0, radiusMetres, GeodesicMask.LATITUDE).lat2;
    double south = WGS84.Direct(lat, lon, 180, radiusMetres, GeodesicMask.LATITUDE).lat2;
    boolean reachesPole = radiusMetres > 0 && (north < lat || south > lat
        || north >= 90 || south <= -90);
    this.maxLat = reachesPole && north < lat ? 90 : Math.min(90, north);
    this.minLat = reachesPole && south > lat ? -90 : Math.max(-90, south);
    GeodesicData east = WGS84.Direct(lat, lon, 90, radiusMetres,
        GeodesicMask.LONGITUDE | GeodesicMask.LONG_UNROLL);
    double halfWidth = Math.abs(east.lon2 - lon) * LONGITUDE_MARGIN + 1e-9;
    if (reachesPole || halfWidth >= 180) {
      this.minLon = -180;
      this.maxLon = 180;
    } else {
      this.minLon = lon - halfWidth;
      this.maxLon = lon + halfWidth;
    }
  }

  boolean contains(double pointLat, double pointLon) {
    if (pointLat < minLat || pointLat > maxLat || pointLon < minLon || pointLon > maxLon) {
      return false;
    }
    return distanceTo(pointLat, pointLon) <= radiusMetres;
  }

  /**
   * Whether every point of the latitude/longitude rectangle is inside: the farthest point of
   * such a rectangle from any centre is one of its corners.
   */
  boolean covers(double south, double west, double north, double east) {
    return contains(south, west) && contains(south, east)
        && contains(north, west) && contains(north, east);
  }

  boolean mayIntersect(double south, double west, double north, double east) {
    return south <= maxLat && north >= minLat && west <= maxLon && east >= minLon;
  }

  double minLat() {
    return minLat;
  }

  double maxLat() {
    return maxLat;
  }

  double minLon() {
    return minLon;
  }

  double maxLon() {
    return maxLon;
  }

  private double distanceTo(double pointLat, double pointLon) {
    return WGS84.Inverse(lat, lon, pointLat, pointLon, GeodesicMask.DISTANCE).s12;
  }
}
