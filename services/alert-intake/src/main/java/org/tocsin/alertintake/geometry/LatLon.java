package org.tocsin.alertintake.geometry;

import org.locationtech.jts.geom.Coordinate;

/** A WGS 84 position in decimal degrees. */
public record LatLon(double lat, double lon) {

  public static LatLon of(Coordinate coordinate) {
    return new LatLon(coordinate.y, coordinate.x);
  }

  public Coordinate toCoordinate() {
    return new Coordinate(lon, lat);
  }

  public boolean withinRange() {
    return Double.isFinite(lat) && Double.isFinite(lon)
        && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  @Override
  public String toString() {
    return lat + "," + lon;
  }
}
