package org.tocsin.alertintake.area;

import java.util.List;
import org.tocsin.alertintake.geometry.LatLon;

/** A polygon of a resolved area: closed exterior ring and holes (zones may have holes). */
public record AreaPolygon(List<LatLon> exterior, List<List<LatLon>> holes) {

  public AreaPolygon {
    exterior = List.copyOf(exterior);
    holes = holes == null ? List.of() : holes.stream().map(List::copyOf).toList();
  }

  public int vertices() {
    return exterior.size() + holes.stream().mapToInt(List::size).sum();
  }
}
