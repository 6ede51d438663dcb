package org.tocsin.alertintake.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Importing real boundaries (Belgium's provinces, test resources {@code data/}) over HTTP, with
 * the defects real data has: listed without repair, repaired and reported with
 * {@code repair=true}, refused when a repair would change a zone's area by more than the
 * configured fraction. A refused import leaves every table and topic as it was.
 */
class ZoneRepairIT extends IntegrationTest {

  @Test
  void withoutRepairEveryDefectiveFeatureIsListedAndNothingIsImported() throws Exception {
    JsonNode provinces = withPrefix(RealBoundariesTest.load("provinces"), "ZR1");
    RealBoundariesTest.swapTwoVertices(provinces, "10000");
    RealBoundariesTest.swapTwoVertices(provinces, "60000");
    State before = state();
    Api.Response response = importZones(provinces, false);
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    List<String> errors = new ArrayList<>();
    response.json().path("errors").forEach(e -> errors.add(e.path("reason").asString()));
    assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).contains("self-intersects")
        .endsWith("(an import with repair=true repairs it)"));
    assertThat(errors.get(0)).startsWith("zone 'ZR1-10000'");
    assertThat(errors.get(1)).startsWith("zone 'ZR1-60000'");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void withRepairTheDefectiveFeaturesAreRepairedImportedAndReported() {
    JsonNode provinces = withPrefix(RealBoundariesTest.load("provinces"), "ZR2");
    RealBoundariesTest.swapTwoVertices(provinces, "10000");
    Api.Response response = importZones(provinces, true);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("imported").asInt()).isEqualTo(11);
    JsonNode repairs = response.json().path("repairs");
    assertThat(repairs).hasSize(1);
    JsonNode repair = repairs.get(0);
    assertThat(repair.path("zoneId").asString()).isEqualTo("ZR2-10000");
    assertThat(repair.path("defect").asString()).startsWith("self-intersects near lat");
    // The province of Antwerp: 2,876 km² (Statbel: 2,867 km²).
    assertThat(repair.path("squareMetresBefore").asDouble()).isBetween(2.80e9, 2.95e9);
    assertThat(repair.path("changePercent").asDouble()).isGreaterThan(0).isLessThan(0.1);
    assertThat(repair.path("changeSquareMetres").asDouble()).isNotZero();

    Api.Response zone = api.get("/api/v1/zones/ZR2-10000", auditor());
    assertThat(zone.status()).isEqualTo(200);
    assertThat(zone.json().path("geometry").path("type").asString()).isIn("Polygon",
        "MultiPolygon");
  }

  @Test
  void aRepairChangingTheAreaMoreThanConfiguredIsRefusedAndNothingIsImported() throws Exception {
    JsonNode provinces = withPrefix(RealBoundariesTest.load("provinces"), "ZR3");
    RealBoundariesTest.foldRing(provinces, "80000");
    State before = state();
    Api.Response response = importZones(provinces, true);
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.json().path("errors")).singleElement().satisfies(e ->
        assertThat(e.path("reason").asString()).startsWith("zone 'ZR3-80000' self-intersects")
            .contains("repairing it changes its area by").contains("correct it at the source"));
    assertThat(state()).isEqualTo(before);
  }

  private Api.Response importZones(JsonNode collection, boolean repair) {
    return api.post("/api/v1/zones?kind=PROVINCE" + (repair ? "&repair=true" : ""), admin(),
        "application/geo+json", collection.toString(), Map.of());
  }

  /**
   * Ids of this test's own (ZR1-10000), so that the tests sharing the database do not meet; the
   * NIS codes stay (only the import that succeeds stores them).
   */
  private static JsonNode withPrefix(JsonNode collection, String prefix) {
    for (JsonNode feature : collection.get("features")) {
      ObjectNode properties = (ObjectNode) feature.get("properties");
      properties.put("id", prefix + "-" + properties.get("nis").asString());
    }
    return collection;
  }
}
