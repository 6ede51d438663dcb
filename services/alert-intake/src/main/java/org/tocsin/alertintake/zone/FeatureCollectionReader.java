package org.tocsin.alertintake.zone;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.tocsin.alertintake.geometry.GeoJsonPolygons;
import org.tocsin.alertintake.geometry.GeometryRules;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.databind.JsonNode;

/**
 * Turns a GeoJSON FeatureCollection into zones, mapping feature properties as configured and
 * checking every feature; each defect is reported against the feature's index and id.
 */
final class FeatureCollectionReader {

  private static final int MAX_ID_LENGTH = 100;

  private final ZoneProperties properties;
  private final GeoJsonPolygons polygons;
  private final GeometryRules rules;

  FeatureCollectionReader(ZoneProperties properties, GeometryRules rules) {
    this.properties = properties;
    this.rules = rules;
    this.polygons = new GeoJsonPolygons(rules.maxVerticesPerPolygon());
  }

  /** The zones of the collection, or a rejection listing every defective feature. */
  List<Zone> read(JsonNode collection, ZoneKind kindOverride, Instant now, Violations violations) {
    if (collection == null || !"FeatureCollection".equals(collection.path("type").asString(""))) {
      violations.add("type", "must be FeatureCollection");
      return List.of();
    }
    JsonNode features = collection.get("features");
    if (features == null || !features.isArray() || features.isEmpty()) {
      violations.add("features", "must be a non-empty array of features");
      return List.of();
    }
    if (features.size() > properties.maxFeaturesPerImport()) {
      violations.add("features", "has " + features.size() + " features; at most "
          + properties.maxFeaturesPerImport() + " per import");
      return List.of();
    }
    List<Zone> zones = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      Zone zone = feature(features.get(i), "features[" + i + "]", kindOverride, now, violations);
      if (zone != null) {
        if (!ids.add(zone.id())) {
          violations.add("features[" + i + "]", "zone '" + zone.id()
              + "' appears more than once in this import");
        }
        zones.add(zone);
      }
    }
    return zones;
  }

  private Zone feature(JsonNode feature, String field, ZoneKind kindOverride, Instant now,
                       Violations violations) {
    ZoneProperties.ImportMapping mapping = properties.importMapping();
    if (!feature.isObject() || !"Feature".equals(feature.path("type").asString(""))) {
      violations.add(field + ".type", "must be Feature");
      return null;
    }
    JsonNode props = feature.path("properties");
    String id = text(props.get(mapping.id()));
    if (id == null) {
      id = text(feature.get("id"));
    }
    if (id == null) {
      violations.add(field + ".properties." + mapping.id(), "is missing: every zone needs an id");
      return null;
    }
    String label = "zone '" + id + "' ";
    int before = violations.list().size();
    if (id.length() > MAX_ID_LENGTH || !id.matches("[A-Za-z0-9._:-]+")) {
      violations.add(field + ".properties." + mapping.id(), label + "has an id that is not 1 to "
          + MAX_ID_LENGTH + " letters, digits or . _ : -");
    }
    ZoneKind kind = kindOverride != null ? kindOverride : mapping.defaultKind();
    String kindText = text(props.get(mapping.kind()));
    if (kindOverride == null && kindText != null) {
      try {
        kind = ZoneKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        violations.add(field + ".properties." + mapping.kind(), label + "has unknown kind '"
            + kindText + "'; known kinds: municipality, province, region, seveso, nuclear, "
            + "event, custom");
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    mapping.names().forEach((language, property) -> {
      String name = text(props.get(property));
      if (name != null) {
        names.put(language, name);
      }
    });
    if (names.isEmpty()) {
      violations.add(field + ".properties", label + "has no name: expected one of the properties "
          + mapping.names().values());
    }
    String parent = text(props.get(mapping.parent()));
    if (id.equals(parent)) {
      violations.add(field + ".properties." + mapping.parent(), label + "cannot be its own parent");
    }
    List<String> postcodes = postcodes(props.get(mapping.postcodes()));
    Instant validUntil = null;
    String validUntilText = text(props.get(mapping.validUntil()));
    if (validUntilText != null) {
      try {
        validUntil = OffsetDateTime.parse(validUntilText).toInstant();
        if (!validUntil.isAfter(now)) {
          violations.add(field + ".properties." + mapping.validUntil(), label
              + "ended already (" + validUntilText + ")");
        }
      } catch (DateTimeParseException e) {
        violations.add(field + ".properties." + mapping.validUntil(), label
            + "has a validUntil that is not an ISO-8601 date-time with offset");
      }
    }
    GeoJsonPolygons.Read read = polygons.read(feature.get("geometry"), field + ".geometry");
    read.violations().forEach(v -> violations.add(v.field(), label + v.reason()));
    Geometry geometry = null;
    if (read.isValid()) {
      geometry = read.geometry();
      rules.check(geometry, field + ".geometry")
          .forEach(v -> violations.add(v.field(), label + v.reason()));
    }
    if (violations.list().size() > before || geometry == null) {
      return null;
    }
    return new Zone(id, kind, names, parent, postcodes, geometry,
        LatLon.of(geometry.getInteriorPoint().getCoordinate()), validUntil, now);
  }

  private static List<String> postcodes(JsonNode node) {
    List<String> postcodes = new ArrayList<>();
    if (node == null || node.isNull()) {
      return postcodes;
    }
    if (node.isArray()) {
      node.forEach(code -> {
        String text = text(code);
        if (text != null) {
          postcodes.add(text);
        }
      });
    } else {
      String text = text(node);
      if (text != null) {
        for (String code : text.split(",")) {
          if (!code.isBlank()) {
            postcodes.add(code.trim());
          }
        }
      }
    }
    return postcodes;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainer()) {
      return null;
    }
    String text = node.asString().trim();
    return text.isEmpty() ? null : text;
  }
}
