package org.tocsin.alertintake.zone;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.tocsin.alertintake.geometry.GeoJsonPolygons;
import org.tocsin.alertintake.geometry.GeometryRepair;
import org.tocsin.alertintake.geometry.GeometryRules;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.alertintake.text.UnsafeCharacters;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.databind.JsonNode;

/**
 * Turns a GeoJSON FeatureCollection into zones, mapping feature properties as configured and
 * checking every feature; each defect is reported against the feature's index and id. With
 * repair, an invalid geometry is repaired ({@link GeometryRepair}) and reported, unless the
 * repair changes the zone's area by more than the configured fraction.
 */
final class FeatureCollectionReader {

  private static final int MAX_ID_LENGTH = 100;
  private static final int MAX_NAME_LENGTH = 200;
  private static final int MAX_CODE_LENGTH = 50;
  private static final int MAX_POSTCODES = 500;
  /** An event zone ends within this many years (and a year fits PostgreSQL's timestamps). */
  private static final int MAX_VALIDITY_YEARS = 100;

  private final ZoneProperties properties;
  private final GeoJsonPolygons polygons;
  private final GeometryRules rules;

  FeatureCollectionReader(ZoneProperties properties, GeometryRules rules) {
    this.properties = properties;
    this.rules = rules;
    this.polygons = new GeoJsonPolygons(rules.maxVerticesPerPolygon());
  }

  /**
   * What an import read.
   *
   * @param codes the external codes of each zone, by zone id and scheme
   * @param repairs the zones whose geometry was repaired
   */
  record Imported(List<Zone> zones, Map<String, Map<String, String>> codes,
                  List<ZoneRepairReport> repairs) {
  }

  /** The zones of the collection; every defect goes to {@code violations}. */
  Imported read(JsonNode collection, ZoneKind kindOverride, boolean repair, Instant now,
                Violations violations) {
    Imported none = new Imported(List.of(), Map.of(), List.of());
    if (collection == null || !"FeatureCollection".equals(collection.path("type").asString(""))) {
      violations.add("type", "must be FeatureCollection");
      return none;
    }
    JsonNode features = collection.get("features");
    if (features == null || !features.isArray() || features.isEmpty()) {
      violations.add("features", "must be a non-empty array of features");
      return none;
    }
    if (features.size() > properties.maxFeaturesPerImport()) {
      violations.add("features", "has " + features.size() + " features; at most "
          + properties.maxFeaturesPerImport() + " per import");
      return none;
    }
    List<Zone> zones = new ArrayList<>();
    Map<String, Map<String, String>> codes = new LinkedHashMap<>();
    List<ZoneRepairReport> repairs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> codeOwners = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      String field = "features[" + i + "]";
      Zone zone = feature(features.get(i), field, kindOverride, repair, now, violations,
          codes, repairs);
      if (zone == null) {
        continue;
      }
      if (!ids.add(zone.id())) {
        violations.add(field, "zone '" + zone.id() + "' appears more than once in this import");
      }
      codes.getOrDefault(zone.id(), Map.of()).forEach((scheme, code) -> {
        String owner = codeOwners.putIfAbsent(scheme + " " + code, zone.id());
        if (owner != null && !owner.equals(zone.id())) {
          violations.add(field + ".properties." + properties.importMapping().codes().get(scheme),
              "zone '" + zone.id() + "' has " + scheme + " code '" + code + "', which zone '"
                  + owner + "' of this import has too");
        }
      });
      zones.add(zone);
    }
    return new Imported(zones, codes, repairs);
  }

  private Zone feature(JsonNode feature, String field, ZoneKind kindOverride, boolean repair,
                       Instant now, Violations violations, Map<String, Map<String, String>> codes,
                       List<ZoneRepairReport> repairs) {
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
      id = idFromCode(props, mapping);
    }
    if (id == null) {
      violations.add(field + ".properties." + mapping.id(), "is missing: every zone needs an "
          + "id, or a code of " + mapping.codes().keySet().stream().sorted().toList());
      return null;
    }
    if (id.length() > MAX_ID_LENGTH || !id.matches("[A-Za-z0-9._:-]+")) {
      violations.add(field + ".properties." + mapping.id(), "zone '" + shorten(id)
          + "' has an id that is not 1 to " + MAX_ID_LENGTH + " letters, digits or . _ : -");
      return null;
    }
    String label = "zone '" + id + "' ";
    int before = violations.list().size();
    ZoneKind kind = kindOverride != null ? kindOverride : mapping.defaultKind();
    String kindText = text(props.get(mapping.kind()));
    if (kindOverride == null && kindText != null) {
      try {
        kind = ZoneKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        violations.add(field + ".properties." + mapping.kind(), label + "has unknown kind '"
            + shorten(kindText) + "'; known kinds: municipality, province, region, seveso, "
            + "nuclear, event, custom");
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    mapping.names().forEach((language, property) -> {
      String name = text(props.get(property));
      if (name != null && checked(name, MAX_NAME_LENGTH, field + ".properties." + property,
          label, violations)) {
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
    } else if (parent != null && (parent.length() > MAX_ID_LENGTH
        || !parent.matches("[A-Za-z0-9._:-]+"))) {
      violations.add(field + ".properties." + mapping.parent(), label + "names a parent that "
          + "is not a zone id");
    }
    List<String> postcodes = postcodes(props.get(mapping.postcodes()));
    if (postcodes.size() > MAX_POSTCODES) {
      violations.add(field + ".properties." + mapping.postcodes(), label + "has "
          + postcodes.size() + " postcodes; at most " + MAX_POSTCODES);
    } else {
      postcodes.forEach(code -> checked(code, MAX_CODE_LENGTH,
          field + ".properties." + mapping.postcodes(), label, violations));
    }
    Map<String, String> zoneCodes = new LinkedHashMap<>();
    mapping.codes().forEach((scheme, property) -> {
      String code = text(props.get(property));
      if (code != null && checked(code, MAX_CODE_LENGTH, field + ".properties." + property,
          label, violations)) {
        zoneCodes.put(scheme, code);
      }
    });
    Instant validUntil = validUntil(text(props.get(mapping.validUntil())),
        field + ".properties." + mapping.validUntil(), label, now, violations);
    Geometry geometry = geometry(feature.get("geometry"), field, label, id, repair, violations,
        repairs);
    if (violations.list().size() > before || geometry == null) {
      return null;
    }
    codes.put(id, zoneCodes);
    return new Zone(id, kind, names, parent, postcodes, geometry,
        LatLon.of(geometry.getInteriorPoint().getCoordinate()), validUntil, now);
  }

  private Geometry geometry(JsonNode node, String field, String label, String id,
                            boolean repair, Violations violations,
                            List<ZoneRepairReport> repairs) {
    String geometryField = field + ".geometry";
    GeoJsonPolygons.Read read = polygons.read(node, geometryField);
    read.violations().forEach(v -> violations.add(v.field(), label + v.reason()));
    if (!read.isValid()) {
      return null;
    }
    Geometry geometry = read.geometry();
    List<Violation> defects = rules.check(geometry, geometryField);
    if (defects.isEmpty()) {
      return geometry;
    }
    // Only a geometry whose one defect is its topology can be repaired.
    boolean repairable = defects.size() == 1 && rules.covers(geometry)
        && GeometryRepair.needed(geometry);
    if (!repair || !repairable) {
      defects.forEach(v -> violations.add(v.field(), label + v.reason()
          + (repairable ? " (an import with repair=true repairs it)" : "")));
      return null;
    }
    GeometryRepair.Repair repaired = GeometryRepair.repair(geometry);
    double fraction = repaired.changeFraction();
    String defect = defects.get(0).reason();
    if (repaired.repaired().isEmpty() || fraction > properties.maxRepairAreaChange()) {
      violations.add(geometryField, label + defect + "; repairing it changes its area by "
          + String.format(Locale.ROOT, "%.0f m² (%s)", repaired.changeSquareMetres(),
              percent(fraction)) + ", more than the "
          + percent(properties.maxRepairAreaChange()) + " accepted: correct it at the source");
      return null;
    }
    List<Violation> after = rules.check(repaired.repaired(), geometryField);
    if (!after.isEmpty()) {
      after.forEach(v -> violations.add(v.field(), label + "once repaired " + v.reason()));
      return null;
    }
    repairs.add(new ZoneRepairReport(id, field, defect, repaired.squareMetresBefore(),
        repaired.squareMetresAfter(), repaired.changeSquareMetres(), fraction * 100));
    return repaired.repaired();
  }

  private static String percent(double fraction) {
    return Double.isInfinite(fraction) ? "an infinite share: the rings as given enclose no area"
        : String.format(Locale.ROOT, "%.4f %%", fraction * 100);
  }

  private static Instant validUntil(String text, String field, String label, Instant now,
                                    Violations violations) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() > 40) {
        throw new DateTimeParseException("too long", text, 0);
      }
      Instant validUntil = OffsetDateTime.parse(text).toInstant();
      if (!validUntil.isAfter(now)) {
        violations.add(field, label + "ended already (" + text + ")");
      } else if (validUntil.isAfter(now.plus(MAX_VALIDITY_YEARS * 366L, ChronoUnit.DAYS))) {
        violations.add(field, label + "has a validUntil more than " + MAX_VALIDITY_YEARS
            + " years ahead");
      } else {
        return validUntil;
      }
    } catch (DateTimeParseException e) {
      violations.add(field, label + "has a validUntil that is not an ISO-8601 date-time with "
          + "offset");
    }
    return null;
  }

  private static boolean checked(String value, int maxLength, String field, String label,
                                 Violations violations) {
    if (value.length() > maxLength) {
      violations.add(field, label + "has a value of " + value.length() + " characters; at "
          + "most " + maxLength);
      return false;
    }
    String problem = UnsafeCharacters.problem(value).orElse(null);
    if (problem != null) {
      violations.add(field, label + problem);
      return false;
    }
    return true;
  }

  /**
   * The id of a feature without one: its code in the first scheme it has, in alphabetical
   * order, e.g. {@code NIS-21004} (official boundary data carries codes, not Tocsin's ids).
   */
  private static String idFromCode(JsonNode props, ZoneProperties.ImportMapping mapping) {
    return mapping.codes().keySet().stream().sorted()
        .map(scheme -> {
          String code = text(props.get(mapping.codes().get(scheme)));
          return code == null ? null : scheme + "-" + code;
        })
        .filter(Objects::nonNull).findFirst().orElse(null);
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

  private static String shorten(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainer()) {
      return null;
    }
    String text = node.asString().trim();
    return text.isEmpty() ? null : text;
  }
}
