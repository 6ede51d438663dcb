package org.tocsin.alertintake.cap;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CAP 1.2 import and export ({@code tocsin.cap.*}).
 *
 * @param zoneGeocode geocode valueName whose value is the id of a catalogue zone (default
 *     {@code TOCSIN_ZONE})
 * @param smsTextParameter parameter valueName carrying the short text for SMS (default
 *     {@code TOCSIN_SMS_TEXT}); an imported info without it uses its headline
 * @param channelsParameter parameter valueName carrying the requested channels, space-separated
 *     (default {@code TOCSIN_CHANNELS}); absent means every channel
 * @param timeZone time zone of exported date-times (default {@code Europe/Brussels})
 */
@Validated
@ConfigurationProperties("tocsin.cap")
public record CapProperties(
    @DefaultValue("TOCSIN_ZONE") @NotBlank String zoneGeocode,
    @DefaultValue("TOCSIN_SMS_TEXT") @NotBlank String smsTextParameter,
    @DefaultValue("TOCSIN_CHANNELS") @NotBlank String channelsParameter,
    @DefaultValue("Europe/Brussels") @NotNull ZoneId timeZone) {
}
