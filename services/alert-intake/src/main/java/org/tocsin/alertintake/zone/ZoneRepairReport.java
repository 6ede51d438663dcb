package org.tocsin.alertintake.zone;

/**
 * A zone whose geometry an import repaired.
 *
 * @param field where the feature is in the import, e.g. {@code features[12]}
 * @param defect what was wrong, e.g. "self-intersects near lat 50.1, lon 4.2"
 * @param squareMetresBefore the area of the rings as given, in m²
 * @param squareMetresAfter the area of the repaired geometry, in m²
 * @param changeSquareMetres after less before, in m²
 * @param changePercent the absolute change as a percentage of the area before
 */
public record ZoneRepairReport(String zoneId, String field, String defect,
                               double squareMetresBefore, double squareMetresAfter,
                               double changeSquareMetres, double changePercent) {
}
