package org.tocsin.subscriptions.zone;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.events.v1.ZoneKind;

/** Lookup of the zone catalogue by postcode or name, for the citizen page. */
@RestController
@RequestMapping("/api/v1/zones")
@Tag(name = "zones", description = "The named zones citizens can follow")
class ZoneController {

  private final ZoneCatalogue catalogue;

  ZoneController(ZoneCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping
  @Operation(summary = "Find current zones by postcode or by (part of) their name")
  List<ZoneView> search(@RequestParam("q") @Size(min = 2, max = 60) String query,
                        @RequestParam(name = "lang", defaultValue = "en")
                        @Pattern(regexp = "nl|fr|de|en") String language) {
    return catalogue.search(query).stream().map(zone -> ZoneView.of(zone, language)).toList();
  }

  @GetMapping("/{zoneId}")
  @Operation(summary = "One zone of the catalogue")
  ResponseEntity<ZoneView> zone(@PathVariable @Size(max = 100) String zoneId,
                                @RequestParam(name = "lang", defaultValue = "en")
                                @Pattern(regexp = "nl|fr|de|en") String language) {
    return ResponseEntity.of(catalogue.find(zoneId).map(zone -> ZoneView.of(zone, language)));
  }

  /** A zone as the citizen page shows it. */
  record ZoneView(String zoneId, ZoneKind kind, String name, Map<String, String> names,
                  String parentId, List<String> postcodes, double latitude, double longitude,
                  Instant validUntil) {

    static ZoneView of(Zone zone, String language) {
      return new ZoneView(zone.zoneId(), zone.kind(), zone.name(language), zone.names(),
          zone.parentId(), zone.postcodes(), zone.latitude(), zone.longitude(),
          zone.validUntil());
    }
  }
}
