package org.tocsin.alertintake.geometry;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.locationtech.jts.geom.Envelope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the service works and how large a geometry may be ({@code tocsin.geometry.*}).
 *
 * @param minLat southern service bound (default 48.5)
 * @param minLon western service bound (default 1.0)
 * @param maxLat northern service bound (default 54.0)
 * @param maxLon eastern service bound (default 8.5); the default bounds cover Belgium, the
 *     Netherlands, Luxembourg and the bordering regions of France and Germany, including the
 *     planning zones of the nuclear plants near the borders
 * @param maxVerticesPerPolygon most vertices of one polygon, drawn or of a zone (default 20000)
 * @param circleSegments segments of the polygon that stands for a geodesic circle when deciding
 *     which zones it touches (default 64)
 */
@Validated
@ConfigurationProperties("tocsin.geometry")
public record GeometryProperties(
    @DefaultValue("48.5") @DecimalMin("-90") @DecimalMax("90") double minLat,
    @DefaultValue("1.0") @DecimalMin("-180") @DecimalMax("180") double minLon,
    @DefaultValue("54.0") @DecimalMin("-90") @DecimalMax("90") double maxLat,
    @DefaultValue("8.5") @DecimalMin("-180") @DecimalMax("180") double maxLon,
    @DefaultValue("20000") @Min(4) int maxVerticesPerPolygon,
    @DefaultValue("64") @Min(8) @Max(720) int circleSegments) {

  public GeometryProperties {
    if (minLat >= maxLat || minLon >= maxLon) {
      throw new IllegalArgumentException("tocsin.geometry bounds are empty: min must be below max");
    }
  }

  public GeometryRules rules() {
    return new GeometryRules(new Envelope(minLon, maxLon, minLat, maxLat), maxVerticesPerPolygon);
  }
}
