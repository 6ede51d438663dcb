package org.tocsin.alertintake.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.alertintake.geometry.GeometryRules;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Belgium's real provinces and arrondissements (test resources {@code data/}, unrepaired
 * official boundaries) through the zone import's reader, and the defects real boundaries have
 * (a ring crossing itself where two vertices came out swapped, a ring that folds over itself):
 * listed without repair, repaired and reported with repair, refused when the repair would
 * change a zone's area by more than the configured fraction.
 */
class RealBoundariesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-05-24T10:00:00Z");
  private final FeatureCollectionReader reader = new FeatureCollectionReader(
      new ZoneProperties(2000, new ZoneProperties.ImportMapping("id", "kind", ZoneKind.CUSTOM,
          Map.of(), "parent", "postcodes", "validUntil", Map.of()), 0.001),
      new GeometryRules(new Envelope(1.0, 8.5, 48.5, 54.0), 20_000));

  @Test
  void theRealProvincesAndArrondissementsAreReadWithTheirNisCodesAsIdsAndCodes() {
    Violations violations = new Violations();
    FeatureCollectionReader.Imported provinces = reader.read(load("provinces"),
        ZoneKind.PROVINCE, false, NOW, violations);
    FeatureCollectionReader.Imported arrondissements = reader.read(load("arrondissements"),
        null, false, NOW, violations);
    assertThat(violations.list()).as("JTS finds these boundaries valid as converted").isEmpty();
    assertThat(provinces.zones()).hasSize(11);
    assertThat(arrondissements.zones()).hasSize(43);
    Zone antwerp = arrondissements.zones().stream().filter(z -> z.id().equals("NIS-11000"))
        .findFirst().orElseThrow();
    assertThat(antwerp.names()).containsEntry("nl", "Arrondissement Antwerpen");
    assertThat(arrondissements.codes().get("NIS-11000")).containsExactly(
        Map.entry("NIS", "11000"));
    assertThat(provinces.repairs()).isEmpty();
  }

  @Test
  void withoutRepairEveryDefectiveFeatureIsListed() {
    JsonNode collection = load("arrondissements");
    swapTwoVertices(collection, "21000");
    swapTwoVertices(collection, "44000");
    Violations violations = new Violations();
    reader.read(collection, null, false, NOW, violations);
    assertThat(violations.list()).extracting(Violation::field)
        .containsExactly(field(collection, "21000") + ".geometry",
            field(collection, "44000") + ".geometry");
    assertThat(violations.list()).allSatisfy(v -> assertThat(v.reason())
        .contains("self-intersects near lat").endsWith("(an import with repair=true repairs it)"));
  }

  @Test
  void withRepairADefectiveFeatureIsRepairedAndReportedWithItsAreaChange() {
    JsonNode collection = load("arrondissements");
    swapTwoVertices(collection, "21000");
    Violations violations = new Violations();
    FeatureCollectionReader.Imported imported = reader.read(collection, null, true, NOW,
        violations);
    assertThat(violations.list()).isEmpty();
    assertThat(imported.zones()).hasSize(43).allSatisfy(z ->
        assertThat(z.geometry().isValid()).isTrue());
    ZoneRepairReport repair = imported.repairs().get(0);
    assertThat(imported.repairs()).hasSize(1);
    assertThat(repair.zoneId()).isEqualTo("NIS-21000");
    assertThat(repair.field()).isEqualTo(field(collection, "21000"));
    assertThat(repair.defect()).startsWith("self-intersects near lat");
    // The Brussels-Capital Region: 162 km² (Statbel: 161.4 km²).
    assertThat(repair.squareMetresBefore()).isBetween(155e6, 170e6);
    assertThat(repair.changePercent()).isLessThan(0.1).isGreaterThan(0);
    assertThat(repair.changeSquareMetres()).isEqualTo(
        repair.squareMetresAfter() - repair.squareMetresBefore());
    assertThat(Math.abs(repair.changeSquareMetres()) / repair.squareMetresBefore() * 100)
        .isEqualTo(repair.changePercent());
  }

  @Test
  void aRepairThatChangesTheAreaMoreThanTheConfiguredFractionIsRefused() {
    JsonNode collection = load("provinces");
    foldRing(collection, "80000");
    Violations violations = new Violations();
    FeatureCollectionReader.Imported imported = reader.read(collection, ZoneKind.PROVINCE,
        true, NOW, violations);
    assertThat(violations.list()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo(field(collection, "80000") + ".geometry");
      assertThat(v.reason()).startsWith("zone 'NIS-80000' self-intersects")
          .contains("repairing it changes its area by").contains("more than the 0.1000 % "
              + "accepted: correct it at the source");
    });
    assertThat(imported.repairs()).isEmpty();
  }

  /** Swaps the first two neighbouring vertices whose swap makes the ring cross itself. */
  static void swapTwoVertices(JsonNode collection, String nis) {
    ArrayNode ring = exterior(feature(collection, nis));
    for (int i = 1; i < ring.size() - 2; i++) {
      JsonNode a = ring.get(i);
      JsonNode b = ring.get(i + 1);
      ring.set(i, b);
      ring.set(i + 1, a);
      Violations violations = new Violations();
      JsonNode one = JSON.createObjectNode().put("type", "FeatureCollection")
          .set("features", JSON.createArrayNode().add(feature(collection, nis)));
      new FeatureCollectionReader(new ZoneProperties(10, new ZoneProperties.ImportMapping("id",
          "kind", ZoneKind.CUSTOM, Map.of(), "parent", "postcodes", "validUntil", Map.of()), 0),
          new GeometryRules(new Envelope(1.0, 8.5, 48.5, 54.0), 20_000))
          .read(one, null, false, NOW, violations);
      if (!violations.isEmpty()) {
        return;
      }
      ring.set(i, a);
      ring.set(i + 1, b);
    }
    throw new AssertionError("no swap makes the ring of " + nis + " cross itself");
  }

  /** Reverses the second half of the ring: it folds over itself, a bow tie of the province. */
  static void foldRing(JsonNode collection, String nis) {
    ArrayNode ring = exterior(feature(collection, nis));
    int half = ring.size() / 2;
    List<JsonNode> tail = new java.util.ArrayList<>();
    for (int i = half; i < ring.size() - 1; i++) {
      tail.add(ring.get(i));
    }
    java.util.Collections.reverse(tail);
    for (int i = 0; i < tail.size(); i++) {
      ring.set(half + i, tail.get(i));
    }
  }

  private static ArrayNode exterior(ObjectNode feature) {
    JsonNode coordinates = feature.get("geometry").get("coordinates");
    return (ArrayNode) (feature.get("geometry").get("type").asString().equals("Polygon")
        ? coordinates.get(0) : coordinates.get(0).get(0));
  }

  private static ObjectNode feature(JsonNode collection, String nis) {
    for (JsonNode feature : collection.get("features")) {
      if (feature.get("properties").get("nis").asString().equals(nis)) {
        return (ObjectNode) feature;
      }
    }
    throw new AssertionError("no feature " + nis);
  }

  private static String field(JsonNode collection, String nis) {
    JsonNode features = collection.get("features");
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).get("properties").get("nis").asString().equals(nis)) {
        return "features[" + i + "]";
      }
    }
    throw new AssertionError("no feature " + nis);
  }

  static JsonNode load(String name) {
    try (InputStream in = RealBoundariesTest.class.getResourceAsStream("/data/" + name
        + ".geojson")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
