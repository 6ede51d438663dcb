package org.tocsin.alertintake.area;

import java.util.List;
import org.tocsin.alertintake.geometry.LatLon;

/** A polygon an operator drew: one closed ring (first position repeated last), no holes. */
public record DrawnPolygon(List<LatLon> ring) {

  public DrawnPolygon {
    ring = List.copyOf(ring);
  }
}
