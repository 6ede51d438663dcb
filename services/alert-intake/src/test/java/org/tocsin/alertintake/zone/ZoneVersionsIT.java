package org.tocsin.alertintake.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.MessageType;
import tools.jackson.databind.JsonNode;

/**
 * Zones are versioned: a zone can be corrected while alerts use it; a message already sent
 * keeps the geometry it was sent with; an approval whose content the change alters must be
 * given again, for the new geometry.
 */
class ZoneVersionsIT extends IntegrationTest {

  @Test
  void aZoneChangedUnderAnApprovalMustBeApprovedAgainForItsNewGeometry()
      throws InterruptedException {
    importZones("ZV");
    String id = api.post("/api/v1/alerts", operator("olivia"), zonesOnly("ACTUAL", "ZV-ANT"))
        .json().path("id").asString();
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);
    String requested = issued.json().path("pendingApproval").path("contentHash").asString();

    Api.Response corrected = api.post("/api/v1/zones", admin(), antwerp("ZV-ANT", 51.32));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    assertThat(corrected.json().path("inUse").get(0).path("zoneId").asString())
        .isEqualTo("ZV-ANT");
    assertThat(corrected.json().path("inUse").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(corrected.json().path("inUse").get(0).path("alertIds").toString()).contains(id);

    JsonNode shown = api.get("/api/v1/alerts/" + id + "/approval", approver("arthur")).json();
    String now = shown.path("contentHash").asString();
    assertThat(now).isNotEqualTo(requested);
    assertThat(shown.path("requestedContentHash").asString()).isEqualTo(requested);
    assertThat(shown.path("zonesChangedSinceRequest").toString())
        .isEqualTo("[{\"zoneId\":\"ZV-ANT\",\"requestedVersion\":1,\"currentVersion\":2}]");

    Api.Response stale = api.post("/api/v1/alerts/" + id + "/approve", approver("arthur"),
        Map.of("contentHash", requested));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().path("detail").asString()).contains(now)
        .contains("zone 'ZV-ANT' version 1 → 2");
    assertThat(eventsOnceRelayed(id)).as("nothing sent on a stale approval").isEmpty();

    Api.Response approved = api.post("/api/v1/alerts/" + id + "/approve", approver("arthur"),
        Map.of("contentHash", now));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(northernmost(events(id, 1).get(0).getArea())).as("the corrected zone is sent")
        .isEqualTo(51.32);
  }

  @Test
  void anAlertInForceKeepsTheGeometryItWasSentWithUntilAnUpdateSendsTheCorrection() {
    importZones("ZK");
    String id = api.post("/api/v1/alerts", operator("olivia"), zonesOnly("EXERCISE", "ZK-ANT"))
        .json().path("id").asString();
    api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);

    Api.Response corrected = api.post("/api/v1/zones", admin(), antwerp("ZK-ANT", 51.35));
    assertThat(corrected.status()).as("an evacuation zone can be corrected mid-crisis")
        .isEqualTo(200);
    assertThat(api.get("/api/v1/zones/ZK-ANT", auditor()).json().path("version").asInt())
        .isEqualTo(2);
    Api.Response versions = api.get("/api/v1/zones/ZK-ANT/versions", auditor());
    assertThat(versions.json().findValuesAsString("version")).containsExactly("1", "2");
    JsonNode first = api.get("/api/v1/zones/ZK-ANT/versions/1", auditor()).json();
    assertThat(first.path("geometry").toString()).contains("51.28");
    assertThat(api.delete("/api/v1/zones/ZK-ANT", admin()).status())
        .as("a zone in use still cannot be deleted").isEqualTo(409);

    assertThat(api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        zonesOnly("EXERCISE", "ZK-ANT")).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/alerts/" + id + "/cancel", operator("olivia"), null).status())
        .isEqualTo(200);
    List<AlertEvent> events = events(id, 3);
    assertThat(events).extracting(AlertEvent::getMsgType)
        .containsExactly(MessageType.ALERT, MessageType.UPDATE, MessageType.CANCEL);
    assertThat(northernmost(events.get(0).getArea())).as("sent with version 1").isEqualTo(51.28);
    assertThat(northernmost(events.get(1).getArea())).as("the update sends version 2")
        .isEqualTo(51.35);
    assertThat(events.get(1).getPreviousArea()).as("and reaches everyone version 1 reached")
        .isEqualTo(events.get(0).getArea());
    assertThat(events.get(2).getArea()).isEqualTo(events.get(1).getArea());
  }

  @Test
  void aZoneNamedOnlyByAChangeAwaitingApprovalCannotBeDeleted() {
    importZones("ZP");
    String id = api.post("/api/v1/alerts", operator("olivia"), zonesOnly("ACTUAL", "ZP-BXL"))
        .json().path("id").asString();
    String hash = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null).json()
        .path("pendingApproval").path("contentHash").asString();
    api.post("/api/v1/alerts/" + id + "/approve", approver("arthur"),
        Map.of("contentHash", hash));
    Api.Response pending = api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        zonesOnly("ACTUAL", "ZP-BXL", "ZP-ANT"));
    assertThat(pending.status()).isEqualTo(202);

    Api.Response refused = api.delete("/api/v1/zones/ZP-ANT", admin());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asString()).contains(id);
  }

  /** An alert whose area is only these zones, so that their geometry is all it sends. */
  private static Map<String, Object> zonesOnly(String status, String... zoneIds) {
    Map<String, Object> alert = Fixtures.alert(status, zoneIds);
    @SuppressWarnings("unchecked")
    Map<String, Object> area = (Map<String, Object>) alert.get("area");
    area.put("polygons", List.of());
    area.put("circles", List.of());
    return alert;
  }

  /** The Antwerp zone of the fixtures reaching {@code north} instead of 51.28. */
  private static Map<String, Object> antwerp(String id, double north) {
    return Fixtures.featureCollection(Fixtures.feature(id, "municipality", "Antwerpen",
        "Anvers", Fixtures.square(4.35, 51.15, 4.50, north), List.of("2000", "2030")));
  }

  private static double northernmost(Area area) {
    return area.getPolygons().stream().flatMap(p -> p.getExterior().stream())
        .mapToDouble(Coordinate::getLat).max().orElseThrow();
  }
}
