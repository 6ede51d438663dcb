package org.tocsin.alertintake.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.AlertTopic;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.databind.JsonNode;

/** The zone catalogue: import, read, delete, and its ZoneChanged events. */
class ZoneCatalogueIT extends IntegrationTest {

  @Test
  void importedZonesAreListedAndAnnouncedWithoutTheirGeometry() {
    importZones("ZC");
    Api.Response listed = api.get("/api/v1/zones?kind=MUNICIPALITY&size=1000", operator("olivia"));
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().findValuesAsString("id")).contains("ZC-BXL", "ZC-EAST", "ZC-ANT");
    Api.Response antwerp = api.get("/api/v1/zones/ZC-ANT", auditor());
    assertThat(antwerp.json().path("geometry").path("type").asString()).isEqualTo("Polygon");
    assertThat(antwerp.json().path("names").path("fr").asString()).isEqualTo("Anvers");
    assertThat(antwerp.json().path("postcodes").toString()).contains("2030");

    List<ZoneChanged> events = zoneEvents("ZC-ANT", 1);
    ZoneChanged event = events.get(events.size() - 1);
    assertThat(event.getKind()).isEqualTo(ZoneKind.MUNICIPALITY);
    assertThat(event.getNames()).containsEntry("nl", "Antwerpen");
    assertThat(event.getPostcodes()).containsExactly("2000", "2030");
    assertThat(event.getInteriorPoint().getLat()).isBetween(51.15, 51.28);
    assertThat(event.getInteriorPoint().getLon()).isBetween(4.35, 4.50);
  }

  @Test
  void aDefectiveFeatureIsNamedWithItsReasonAndNothingIsImported() throws InterruptedException {
    State before = state();
    Map<String, Object> bowtie = Map.of("type", "Polygon", "coordinates", List.of(List.of(
        List.of(4.30, 50.80), List.of(4.40, 50.90), List.of(4.40, 50.80), List.of(4.30, 50.90),
        List.of(4.30, 50.80))));
    Map<String, Object> unclosed = Map.of("type", "Polygon", "coordinates", List.of(List.of(
        List.of(4.30, 50.80), List.of(4.40, 50.80), List.of(4.40, 50.90),
        List.of(4.30, 50.90))));
    Map<String, Object> collection = Fixtures.featureCollection(
        Fixtures.feature("ZD-OK", "municipality", "Goed", "Bon",
            Fixtures.square(4.30, 50.80, 4.40, 50.90), List.of()),
        Fixtures.feature("ZD-BOWTIE", "municipality", "Strik", "Noeud", bowtie, List.of()),
        Fixtures.feature("ZD-OPEN", "municipality", "Open", "Ouvert", unclosed, List.of()),
        Fixtures.feature("ZD-MADRID", "province", "Madrid", "Madrid",
            Fixtures.square(-3.75, 40.38, -3.65, 40.45), List.of()),
        Fixtures.feature("ZD-KIND", "village", "Dorp", "Village",
            Fixtures.square(4.30, 50.80, 4.40, 50.90), List.of()));
    Api.Response response = api.post("/api/v1/zones", admin(), collection);
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> errors = new ArrayList<>();
    for (JsonNode error : response.json().path("errors")) {
      errors.add(error.path("field").asString() + ": " + error.path("reason").asString());
    }
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("features[1].geometry: zone "
        + "'ZD-BOWTIE' self-intersects"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "features[2].geometry.coordinates[0]: zone 'ZD-OPEN' is not closed"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("features[3].geometry: zone "
        + "'ZD-MADRID' lies (partly) outside the service bounds"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("features[4].properties.kind: "
        + "zone 'ZD-KIND' has unknown kind 'village'"));
    assertThat(errors).noneSatisfy(e -> assertThat(e).startsWith("features[0]"));
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aZoneInUseByAnActiveAlertOrParentOfAnotherCannotBeDeleted() {
    importZones("ZU");
    Api.Response child = api.post("/api/v1/zones", admin(), Fixtures.featureCollection(
        withParent(Fixtures.feature("ZU-BXL-1000", "custom", "Centrum", "Centre",
            Fixtures.square(4.33, 50.83, 4.37, 50.87), List.of("1000")), "ZU-BXL")));
    assertThat(child.status()).as(child.body()).isEqualTo(200);
    Api.Response parent = api.delete("/api/v1/zones/ZU-BXL", admin());
    assertThat(parent.status()).isEqualTo(409);
    assertThat(parent.json().path("detail").asString()).contains("ZU-BXL-1000");

    String alertId = api.post("/api/v1/alerts", operator("olivia"),
        Fixtures.alert("EXERCISE", "ZU-ANT")).json().path("id").asString();
    Api.Response inUse = api.delete("/api/v1/zones/ZU-ANT", admin());
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.json().path("detail").asString()).contains(alertId);

    api.post("/api/v1/alerts/" + alertId + "/cancel", operator("olivia"), null);
    assertThat(api.delete("/api/v1/zones/ZU-ANT", admin()).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/zones/ZU-ANT", admin()).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/zones/ZU-ANT", admin()).status()).isEqualTo(404);

    List<ZoneChanged> events = zoneEvents("ZU-ANT", 2);
    assertThat(events.get(events.size() - 1)).as("a deletion is a tombstone").isNull();
  }

  @Test
  void anAlertTouchesTheZonesItsAreaSharesGroundWithButNotItsMereNeighbours() {
    importZones("ZT");
    Map<String, Object> alert = Fixtures.alert("EXERCISE", "ZT-BXL");
    @SuppressWarnings("unchecked")
    Map<String, Object> area = (Map<String, Object>) alert.get("area");
    area.put("circles", List.of());
    area.put("polygons", List.of());
    String id = api.post("/api/v1/alerts", operator("olivia"), alert).json().path("id")
        .asString();
    api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);
    List<String> zoneIds = events(id, 1).get(0).getArea().getZoneIds();
    assertThat(zoneIds).contains("ZT-BXL").doesNotContain("ZT-EAST", "ZT-ANT");
  }

  private static Map<String, Object> withParent(Map<String, Object> feature, String parent) {
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) feature.get("properties");
    properties.put("parent", parent);
    return feature;
  }

  private List<ZoneChanged> zoneEvents(String zoneId, int expected) {
    return AlertTopic.read(bootstrapServers, topics.zones(),
            (ConsumerRecord<String, ZoneChanged> r) -> zoneId.equals(r.key()), expected,
            Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).toList();
  }
}
