package org.tocsin.alertintake.cap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import java.util.Map;
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
 * @param geocodes geocode valueName to the scheme of zone codes it names (default
 *     {@code NIS}, {@code INS} and {@code NIS_CODE} to NIS, {@code LAU} to LAU, {@code NUTS},
 *     {@code NUTS1}, {@code NUTS2} and {@code NUTS3} to NUTS); valueNames are matched without
 *     regard to case; the schemes are those of {@code tocsin.zones.import-mapping.codes}
 * @param maxDepth deepest element nesting accepted (default 16; CAP itself needs 5)
 * @param maxElements most elements and attributes in one message (default 10000)
 * @param maxTextLength longest text of one element (default 10000 characters), but for
 *     polygons, whose pairs are counted against {@code tocsin.geometry.max-vertices-per-polygon}
 */
@Validated
@ConfigurationProperties("tocsin.cap")
public record CapProperties(
    @DefaultValue("TOCSIN_ZONE") @NotBlank String zoneGeocode,
    @DefaultValue("TOCSIN_SMS_TEXT") @NotBlank String smsTextParameter,
    @DefaultValue("TOCSIN_CHANNELS") @NotBlank String channelsParameter,
    @DefaultValue("Europe/Brussels") @NotNull ZoneId timeZone,
    Map<String, String> geocodes,
    @DefaultValue("16") @Min(6) @Max(1000) int maxDepth,
    @DefaultValue("10000") @Min(100) int maxElements,
    @DefaultValue("10000") @Min(100) int maxTextLength) {

  public CapProperties {
    if (geocodes == null || geocodes.isEmpty()) {
      geocodes = Map.of("NIS", "NIS", "INS", "NIS", "NIS_CODE", "NIS", "LAU", "LAU",
          "NUTS", "NUTS", "NUTS1", "NUTS", "NUTS2", "NUTS", "NUTS3", "NUTS");
    }
    geocodes = Map.copyOf(geocodes);
  }

  /** The defaults, as documented above. */
  static CapProperties defaults() {
    return new CapProperties("TOCSIN_ZONE", "TOCSIN_SMS_TEXT", "TOCSIN_CHANNELS",
        ZoneId.of("Europe/Brussels"), null, 16, 10_000, 10_000);
  }

  /** The scheme of zone codes this geocode valueName names, or null. */
  String schemeOf(String valueName) {
    if (valueName == null) {
      return null;
    }
    for (Map.Entry<String, String> entry : geocodes.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(valueName.trim())) {
        return entry.getValue();
      }
    }
    return null;
  }
}
