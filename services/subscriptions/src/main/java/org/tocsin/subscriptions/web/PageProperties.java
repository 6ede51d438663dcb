package org.tocsin.subscriptions.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The citizen page ({@code tocsin.subscriptions.page.*}).
 *
 * @param tileUrl map tiles, as a Leaflet URL template (default OpenStreetMap's tile server); the
 *     page works without them, with coordinates or a postcode
 * @param tileAttribution attribution shown on the map (default OpenStreetMap's)
 * @param mapLatitude latitude the map opens at (default 50.5, Belgium)
 * @param mapLongitude longitude the map opens at (default 4.47)
 * @param mapZoom zoom level the map opens at (default 8)
 * @param vapidPublicKey the application server key of Web Push (base64url); empty (default)
 *     hides the push option
 */
@Validated
@ConfigurationProperties("tocsin.subscriptions.page")
public record PageProperties(
    @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") @NotBlank String tileUrl,
    @DefaultValue("© OpenStreetMap contributors") String tileAttribution,
    @DefaultValue("50.5") @Min(-90) @Max(90) double mapLatitude,
    @DefaultValue("4.47") @Min(-180) @Max(180) double mapLongitude,
    @DefaultValue("8") @Min(1) @Max(18) int mapZoom,
    @DefaultValue("") String vapidPublicKey) {
}
