package org.tocsin.alertintake.area;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of an alert's area ({@code tocsin.areas.*}).
 *
 * @param maxRadiusMetres largest circle radius (default 100000: the iodine planning radius of a
 *     nuclear plant)
 * @param maxPolygons most drawn polygons (default 50)
 * @param maxCircles most circles (default 50)
 * @param maxZones most named zones (default 100)
 * @param maxVertices most vertices of the resolved area, the named zones' polygons included
 *     (default 30000, which keeps an event well under Kafka's 1 MB)
 * @param maxDescriptionLength longest area description (default 500)
 */
@Validated
@ConfigurationProperties("tocsin.areas")
public record AreaProperties(
    @DefaultValue("100000") @Min(1) double maxRadiusMetres,
    @DefaultValue("50") @Min(1) int maxPolygons,
    @DefaultValue("50") @Min(1) int maxCircles,
    @DefaultValue("100") @Min(1) int maxZones,
    @DefaultValue("30000") @Min(4) int maxVertices,
    @DefaultValue("500") @Min(1) int maxDescriptionLength) {
}
