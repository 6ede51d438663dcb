package org.tocsin.alertintake.geometry;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Repairs an invalid polygonal geometry with JTS's {@link GeometryFixer} (self-intersections
 * split into valid parts, collapsed parts dropped) and says how much the repair changed its
 * area on the ellipsoid.
 */
public final class GeometryRepair {

  private GeometryRepair() {
  }

  /**
   * A repair.
   *
   * @param repaired the valid polygonal geometry (empty if nothing of area was left)
   * @param squareMetresBefore the area of the rings as given
   * @param squareMetresAfter the area of the repaired geometry
   */
  public record Repair(Geometry repaired, double squareMetresBefore, double squareMetresAfter) {

    public double changeSquareMetres() {
      return squareMetresAfter - squareMetresBefore;
    }

    /** The change as a fraction of the area before; infinite if there was no area before. */
    public double changeFraction() {
      double change = Math.abs(changeSquareMetres());
      if (squareMetresBefore == 0) {
        return change == 0 ? 0 : Double.POSITIVE_INFINITY;
      }
      return change / squareMetresBefore;
    }
  }

  /** Whether the geometry needs a repair: it is not topologically valid. */
  public static boolean needed(Geometry geometry) {
    return !IsValidOp.isValid(geometry);
  }

  /**
   * The repair of the geometry. GeometryFixer's result is itself invalid for some inputs (the
   * fuzzer found one); a second pass settles those, and a geometry still invalid after it
   * counts as nothing left, which an import refuses.
   */
  public static Repair repair(Geometry geometry) {
    Geometry polygonal = fixed(geometry);
    if (needed(polygonal)) {
      polygonal = fixed(polygonal);
    }
    if (needed(polygonal)) {
      polygonal = Geometries.union(List.of());
    }
    polygonal.setSRID(Geometries.WGS84);
    return new Repair(polygonal, GeodesicAreas.squareMetres(geometry),
        GeodesicAreas.squareMetres(polygonal));
  }

  private static Geometry fixed(Geometry geometry) {
    return Geometries.union(Geometries.polygonsOf(GeometryFixer.fix(geometry, false)));
  }
}
