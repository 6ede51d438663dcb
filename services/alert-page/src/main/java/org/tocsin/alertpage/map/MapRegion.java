package org.tocsin.alertpage.map;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * A region drawn behind an alert's area so that readers can place it (a province, a country),
 * with its name per language.
 */
record MapRegion(Geometry geometry, Map<String, String> names) {

  MapRegion {
    names = Map.copyOf(names);
  }
}
