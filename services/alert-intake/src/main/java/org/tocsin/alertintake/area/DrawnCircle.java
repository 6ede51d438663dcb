package org.tocsin.alertintake.area;

import org.tocsin.alertintake.geometry.LatLon;

/** A geodesic circle: every point within {@code radiusMetres} of the centre on WGS 84. */
public record DrawnCircle(LatLon centre, double radiusMetres) {
}
