package org.tocsin.alertintake.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.tocsin.alertintake.rejection.Violation;

/**
 * What every geometry Tocsin accepts must satisfy: topologically valid (no self-intersection),
 * small enough to travel in an event, and inside the area the service covers.
 *
 * @param bounds the service bounds: every accepted geometry lies inside
 * @param maxVerticesPerPolygon the most vertices of one polygon (all rings counted)
 */
public record GeometryRules(Envelope bounds, int maxVerticesPerPolygon) {

  /** The reasons a geometry breaks a rule, each reported against {@code field}. */
  public List<Violation> check(Geometry geometry, String field) {
    List<Violation> violations = new ArrayList<>();
    int vertices = geometry.getNumPoints();
    if (vertices > maxVerticesPerPolygon * Math.max(1, geometry.getNumGeometries())) {
      violations.add(new Violation(field, "has " + vertices + " vertices; at most "
          + maxVerticesPerPolygon + " per polygon are accepted"));
      return violations;
    }
    IsValidOp validity = new IsValidOp(geometry);
    if (!validity.isValid()) {
      violations.add(new Violation(field, describe(validity.getValidationError())));
    }
    if (!bounds.covers(geometry.getEnvelopeInternal())) {
      violations.add(new Violation(field, "lies (partly) outside the service bounds " + describe(
          bounds) + " (lat/lon)"));
    }
    return violations;
  }

  public boolean covers(Geometry geometry) {
    return bounds.covers(geometry.getEnvelopeInternal());
  }

  public String describeBounds() {
    return describe(bounds);
  }

  private static String describe(Envelope envelope) {
    return "[" + envelope.getMinY() + "," + envelope.getMinX() + " to " + envelope.getMaxY() + ","
        + envelope.getMaxX() + "]";
  }

  private static String describe(TopologyValidationError error) {
    String where = error.getCoordinate() == null ? ""
        : String.format(Locale.ROOT, " near lat %.6f, lon %.6f", error.getCoordinate().y,
            error.getCoordinate().x);
    return switch (error.getErrorType()) {
      case TopologyValidationError.SELF_INTERSECTION,
           TopologyValidationError.RING_SELF_INTERSECTION -> "self-intersects" + where;
      case TopologyValidationError.RING_NOT_CLOSED -> "has a ring that is not closed" + where;
      case TopologyValidationError.TOO_FEW_POINTS -> "has a ring with too few points" + where;
      case TopologyValidationError.INVALID_COORDINATE -> "has an invalid coordinate" + where;
      default -> "is not a valid polygon: " + error.getMessage().toLowerCase(Locale.ROOT) + where;
    };
  }
}
