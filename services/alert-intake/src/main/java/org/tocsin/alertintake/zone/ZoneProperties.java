package org.tocsin.alertintake.zone;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tocsin.events.v1.ZoneKind;

/**
 * The zone catalogue ({@code tocsin.zones.*}).
 *
 * @param maxFeaturesPerImport most features in one imported FeatureCollection (default 2000)
 * @param importMapping which GeoJSON feature properties hold what
 * @param maxRepairAreaChange the largest change of a zone's area, as a fraction of it, that an
 *     import with {@code repair=true} accepts from repairing its geometry (default 0.001, i.e.
 *     0.1 %: real boundaries' defects are slivers and spikes; a repair that changes more
 *     changes what the zone means, and is refused)
 */
@Validated
@ConfigurationProperties("tocsin.zones")
public record ZoneProperties(
    @DefaultValue("2000") @Min(1) int maxFeaturesPerImport,
    @DefaultValue @NotNull ImportMapping importMapping,
    @DefaultValue("0.001") @DecimalMin("0") @DecimalMax("1") double maxRepairAreaChange) {

  /**
   * How the properties of an imported GeoJSON feature map onto a zone
   * ({@code tocsin.zones.import-mapping.*}).
   *
   * @param id property holding the zone id (default {@code id}; the feature's own {@code id}
   *     member is used when the property is absent)
   * @param kind property holding the kind, e.g. {@code municipality} (default {@code kind})
   * @param defaultKind kind of features without one (default CUSTOM)
   * @param names language tag to the property holding the name in that language (default
   *     {@code nl=name_nl, fr=name_fr, de=name_de, en=name_en})
   * @param parent property holding the parent zone's id (default {@code parent})
   * @param postcodes property holding the postcodes, an array or a comma-separated string
   *     (default {@code postcodes})
   * @param validUntil property holding the end of an event zone, ISO-8601 (default
   *     {@code validUntil})
   * @param codes scheme of external codes to the property holding the zone's code in it
   *     (default {@code NIS=nis, LAU=lau, NUTS=nuts}); CAP geocodes of these schemes resolve to
   *     the zone ({@code tocsin.cap.geocodes})
   */
  public record ImportMapping(
      @DefaultValue("id") @NotBlank String id,
      @DefaultValue("kind") @NotBlank String kind,
      @DefaultValue("CUSTOM") @NotNull ZoneKind defaultKind,
      Map<String, String> names,
      @DefaultValue("parent") @NotBlank String parent,
      @DefaultValue("postcodes") @NotBlank String postcodes,
      @DefaultValue("validUntil") @NotBlank String validUntil,
      Map<String, String> codes) {

    public ImportMapping {
      if (names == null || names.isEmpty()) {
        names = Map.of("nl", "name_nl", "fr", "name_fr", "de", "name_de", "en", "name_en");
      }
      names = Map.copyOf(names);
      if (codes == null || codes.isEmpty()) {
        codes = Map.of("NIS", "nis", "LAU", "lau", "NUTS", "nuts");
      }
      codes = Map.copyOf(codes);
    }
  }
}
