package org.tocsin.alertintake.zone;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zone catalogue over HTTP: import (ADMIN), list, get and the versions of a zone (every
 * role), delete (ADMIN).
 */
@RestController
@RequestMapping("/api/v1/zones")
@Tag(name = "zones", description = "The catalogue of named zones")
class ZoneController {

  private final ZoneCatalogue catalogue;
  private final JsonMapper json;

  ZoneController(ZoneCatalogue catalogue, JsonMapper json) {
    this.catalogue = catalogue;
    this.json = json;
  }

  /** A version of a zone with its geometry as a GeoJSON Polygon or MultiPolygon. */
  record ZoneView(String id, int version, ZoneKind kind, Map<String, String> names,
                  String parentId, List<String> postcodes, LatLon interiorPoint,
                  Instant validUntil, Instant changedAt, JsonNode geometry) {
  }

  @PostMapping(consumes = {"application/geo+json", "application/json"})
  @Operation(summary = "Import a GeoJSON FeatureCollection: every feature becomes a zone, "
      + "created or given a new version; one defective feature and nothing is imported. With "
      + "repair=true an invalid geometry is repaired, each repair reported with the area it "
      + "changes, unless it changes more than tocsin.zones.max-repair-area-change")
  ZoneCatalogue.ImportResult importZones(
      @RequestBody JsonNode featureCollection,
      @RequestParam(required = false) ZoneKind kind,
      @RequestParam(defaultValue = "false") boolean repair) {
    return catalogue.importZones(featureCollection, kind, repair);
  }

  @GetMapping
  @Operation(summary = "List zones, without their geometry")
  List<ZoneSummary> list(@RequestParam(required = false) ZoneKind kind,
                         @RequestParam(required = false) String parentId,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
    return catalogue.list(kind, parentId, page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A zone's current version with its geometry")
  ZoneView get(@PathVariable String id) {
    ZoneCatalogue.Versioned current = catalogue.current(id);
    return view(current.zone(), current.version());
  }

  @GetMapping("/{id}/versions")
  @Operation(summary = "Every version of a zone, oldest first")
  List<ZoneVersion> versions(@PathVariable String id) {
    return catalogue.versions(id);
  }

  @GetMapping("/{id}/versions/{version}")
  @Operation(summary = "A version of a zone with its geometry, as alerts sent with it used it")
  ZoneView version(@PathVariable String id, @PathVariable @Min(1) int version) {
    return view(catalogue.version(id, version), version);
  }

  private ZoneView view(Zone zone, int version) {
    GeoJsonWriter writer = new GeoJsonWriter();
    writer.setEncodeCRS(false);
    return new ZoneView(zone.id(), version, zone.kind(), zone.names(), zone.parentId(),
        zone.postcodes(), zone.interiorPoint(), zone.validUntil(), zone.changedAt(),
        json.readTree(writer.write(zone.geometry())));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a zone that no active alert uses")
  void delete(@PathVariable String id) {
    catalogue.delete(id);
  }
}
