package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import tools.jackson.databind.JsonNode;

/** The life of an alert through the HTTP API, with its events read back from Kafka. */
class AlertLifecycleIT extends IntegrationTest {

  @BeforeEach
  void zones() {
    importZones("LC");
  }

  @Test
  void actualAlertAndItsUpdateArePublishedOnlyOnceASecondPersonApprovesThemThenCancelled() {
    Api.Response created = api.post("/api/v1/alerts", operator("olivia"),
        Fixtures.alert("ACTUAL", "LC-BXL"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    assertThat(created.header("Location")).isEqualTo("/api/v1/alerts/" + id);
    assertThat(created.json().path("state").asString()).isEqualTo("DRAFT");

    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(202);
    assertThat(issued.json().path("state").asString()).isEqualTo("APPROVAL_REQUIRED");
    String hash = issued.json().path("pendingApproval").path("contentHash").asString();
    assertThat(hash).startsWith("sha256:");
    assertThat(api.get("/api/v1/alerts/" + id + "/approval", approver("arthur")).json()
        .path("contentHash").asString()).isEqualTo(hash);

    String selfApproval = ISSUER.token("olivia", "OPERATOR", "APPROVER");
    Api.Response refused = api.post("/api/v1/alerts/" + id + "/approve", selfApproval,
        Map.of("contentHash", hash));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asString()).contains("Four eyes");

    Api.Response approved = api.post("/api/v1/alerts/" + id + "/approve", approver("arthur"),
        Map.of("contentHash", hash));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("state").asString()).isEqualTo("ISSUED");
    assertThat(approved.json().path("approvedBy").asString()).isEqualTo("arthur");
    assertThat(approved.json().path("versions").get(0).path("contentHash").asString())
        .isEqualTo(hash);

    Map<String, Object> correction = Fixtures.alert("ACTUAL", "LC-BXL", "LC-EAST");
    @SuppressWarnings("unchecked")
    Map<String, Object> area = (Map<String, Object>) correction.get("area");
    area.put("circles", List.of());
    Api.Response updated = api.post("/api/v1/alerts/" + id + "/update", approver("arthur"),
        correction);
    assertThat(updated.status()).as("even an approver's correction waits for a second person")
        .isEqualTo(202);
    assertThat(updated.json().path("state").asString()).isEqualTo("ISSUED");
    String updateHash = updated.json().path("pendingApproval").path("contentHash").asString();
    assertThat(api.post("/api/v1/alerts/" + id + "/approve", approver("arthur"),
        Map.of("contentHash", updateHash)).status()).isEqualTo(403);
    Api.Response updateApproved = api.post("/api/v1/alerts/" + id + "/approve",
        approver("berta"), Map.of("contentHash", updateHash));
    assertThat(updateApproved.status()).as(updateApproved.body()).isEqualTo(200);
    assertThat(updateApproved.json().path("state").asString()).isEqualTo("UPDATED");
    assertThat(updateApproved.json().path("pendingApproval").isNull()).isTrue();

    Api.Response cancelled = api.post("/api/v1/alerts/" + id + "/cancel", operator("olivia"),
        Map.of("reason", "Brand geblust."));
    assertThat(cancelled.status()).as("the prepared cancel goes out on one operator's word")
        .isEqualTo(200);
    assertThat(cancelled.json().path("state").asString()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().path("version").asInt()).isEqualTo(3);

    List<AlertEvent> events = events(id, 3);
    assertThat(events).extracting(AlertEvent::getVersion).containsExactly(1, 2, 3);
    assertThat(events).extracting(AlertEvent::getMsgType)
        .containsExactly(MessageType.ALERT, MessageType.UPDATE, MessageType.CANCEL);
    assertThat(events).extracting(AlertEvent::getIdentifier).doesNotHaveDuplicates();

    AlertEvent first = events.get(0);
    assertThat(first.getStatus()).isEqualTo(AlertStatus.ACTUAL);
    assertThat(first.getIssuedBy()).isEqualTo("olivia");
    assertThat(first.getApprovedBy()).isEqualTo("arthur");
    assertThat(first.getPreviousArea()).isNull();
    assertThat(first.getReferences()).isEmpty();
    assertThat(first.getInfos()).extracting(Info::getLanguage).containsExactly("nl", "fr", "de",
        "en");
    assertThat(first.getInfos().get(0).getHeadline()).isEqualTo("Giftige rook in Brussel-Centrum");
    assertThat(ours(first.getArea().getZoneIds())).as("named, drawn over, reached by the circle")
        .containsExactly("LC-ANT", "LC-BXL");
    assertThat(first.getArea().getCircles()).singleElement()
        .satisfies(c -> assertThat(c.getRadiusMetres()).isEqualTo(2000.0));
    assertThat(first.getArea().getPolygons()).hasSize(2).allSatisfy(polygon -> {
      List<Coordinate> ring = polygon.getExterior();
      assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
    });

    AlertEvent update = events.get(1);
    assertThat(update.getReferences()).extracting(r -> r.getIdentifier())
        .containsExactly(first.getIdentifier());
    assertThat(ours(update.getArea().getZoneIds())).containsExactly("LC-BXL", "LC-EAST");
    assertThat(update.getArea().getCircles()).isEmpty();
    assertThat(ours(update.getPreviousArea().getZoneIds())).containsExactly("LC-ANT", "LC-BXL");
    assertThat(update.getPreviousArea().getCircles()).hasSize(1);
    assertThat(update.getIssuedBy()).isEqualTo("arthur");
    assertThat(update.getApprovedBy()).isEqualTo("berta");

    AlertEvent cancel = events.get(2);
    assertThat(cancel.getStatus()).isEqualTo(AlertStatus.ACTUAL);
    assertThat(cancel.getSeverity()).isEqualTo(Severity.SEVERE);
    assertThat(cancel.getReferences()).extracting(r -> r.getIdentifier())
        .containsExactly(first.getIdentifier(), update.getIdentifier());
    assertThat(cancel.getArea()).isEqualTo(update.getArea());
    assertThat(ours(cancel.getPreviousArea().getZoneIds())).containsExactly("LC-ANT", "LC-BXL",
        "LC-EAST");
    assertThat(cancel.getExpires()).isAfterOrEqualTo(cancel.getSent().plus(Duration.ofHours(1)));
    assertThat(cancel.getInfos()).extracting(Info::getLanguage)
        .containsExactly("nl", "fr", "de", "en");
    assertThat(cancel.getInfos().get(0).getHeadline())
        .isEqualTo("INGETROKKEN: Chemical release – Brussels centre and Antwerp port");
    assertThat(cancel.getInfos()).allSatisfy(info -> assertThat(info.getHeadline()
        + info.getDescription() + info.getSmsText()).as("the reason is in no text")
        .doesNotContain("geblust"));
    assertThat(cancel.getNote()).isEqualTo("Brand geblust.");
    assertThat(cancel.getApprovedBy()).isNull();

    Api.Response audit = api.get("/api/v1/alerts/" + id + "/audit", auditor());
    assertThat(audit.status()).isEqualTo(200);
    List<String> trail = new ArrayList<>();
    for (JsonNode entry : audit.json()) {
      trail.add(entry.path("action").asString() + " by " + entry.path("actor").asString()
          + " from " + entry.path("remoteAddress").asString());
      assertThat(entry.path("at").asString()).isNotBlank();
    }
    assertThat(trail).containsExactly("CREATE by olivia from 127.0.0.1",
        "ISSUE_REQUESTED by olivia from 127.0.0.1", "APPROVE by arthur from 127.0.0.1",
        "UPDATE_REQUESTED by arthur from 127.0.0.1", "APPROVE by berta from 127.0.0.1",
        "CANCEL by olivia from 127.0.0.1");
    assertThat(audit.json().get(0).path("actorSubject").asString()).isNotBlank();

    Api.Response listed = api.get("/api/v1/alerts?state=CANCELLED&createdBy=olivia", auditor());
    assertThat(listed.json().findValuesAsString("id")).contains(id);
  }

  @Test
  void exercisesAndTestsAreIssuedWithoutApprovalAndMarkedInEveryLanguage() {
    Map<String, Object> exercise = Fixtures.alert("EXERCISE");
    Api.Response created = api.post("/api/v1/alerts", operator("olivia"), exercise);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    assertThat(issued.json().path("state").asString()).isEqualTo("ISSUED");

    AlertEvent event = events(id, 1).get(0);
    Map<String, String> marks = Map.of("nl", "[OEFENING] ", "fr", "[EXERCICE] ",
        "de", "[ÜBUNG] ", "en", "[EXERCISE] ");
    assertThat(event.getInfos()).hasSize(4).allSatisfy(info -> {
      String mark = marks.get(info.getLanguage());
      assertThat(info.getHeadline()).startsWith(mark);
      assertThat(info.getDescription()).startsWith(mark);
      assertThat(info.getInstruction()).startsWith(mark);
      assertThat(info.getSmsText()).startsWith(mark);
    });
    assertThat(event.getApprovedBy()).isNull();

    Api.Response test = api.post("/api/v1/alerts", operator("olivia"), Fixtures.alert("TEST"));
    String testId = test.json().path("id").asString();
    api.post("/api/v1/alerts/" + testId + "/issue", operator("olivia"), null);
    assertThat(events(testId, 1).get(0).getInfos())
        .allSatisfy(info -> assertThat(info.getSmsText()).startsWith("[TEST] "));
  }

  @Test
  void anIdempotencyKeyReturnsTheFirstResultAndPublishesNothingNew() {
    Map<String, Object> exercise = Fixtures.alert("EXERCISE");
    String body = Api.json(exercise);
    Map<String, String> key = Map.of("Idempotency-Key", "create-" + System.nanoTime());
    long before = rows("alerts");
    Api.Response first = api.post("/api/v1/alerts", operator("olivia"), "application/json",
        body, key);
    Api.Response again = api.post("/api/v1/alerts", operator("olivia"), "application/json",
        body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertThat(rows("alerts")).isEqualTo(before + 1);

    exercise.put("event", "Something else");
    Api.Response misuse = api.post("/api/v1/alerts", operator("olivia"), "application/json",
        Api.json(exercise), key);
    assertThat(misuse.status()).isEqualTo(422);
    assertThat(rows("alerts")).isEqualTo(before + 1);

    String id = first.json().path("id").asString();
    Map<String, String> issueKey = Map.of("Idempotency-Key", "issue-" + System.nanoTime());
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null,
        null, issueKey);
    Api.Response issuedAgain = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"),
        null, null, issueKey);
    assertThat(issued.status()).isEqualTo(200);
    assertThat(issuedAgain.status()).isEqualTo(200);
    assertThat(issuedAgain.body()).isEqualTo(issued.body());
    Api.Response withoutKey = api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"),
        null);
    assertThat(withoutKey.status()).as("a second issue without the key is a conflict")
        .isEqualTo(409);
    assertThat(events(id, 1)).as("one issue, one event").hasSize(1);

    Map<String, Object> correction = Fixtures.alert("EXERCISE");
    correction.put("event", "Corrected exercise");
    Map<String, String> updateKey = Map.of("Idempotency-Key", "update-" + System.nanoTime());
    Api.Response updated = api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        "application/json", Api.json(correction), updateKey);
    Api.Response updatedAgain = api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        "application/json", Api.json(correction), updateKey);
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updatedAgain.status()).isEqualTo(200);
    assertThat(updatedAgain.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(updatedAgain.json().path("version").asInt()).isEqualTo(2);
    correction.put("event", "Another correction");
    assertThat(api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        "application/json", Api.json(correction), updateKey).status())
        .as("the same key for another update").isEqualTo(422);

    Map<String, String> cancelKey = Map.of("Idempotency-Key", "cancel-" + System.nanoTime());
    String reason = Api.json(Map.of("reason", "Einde oefening"));
    Api.Response cancelled = api.post("/api/v1/alerts/" + id + "/cancel", operator("olivia"),
        "application/json", reason, cancelKey);
    Api.Response cancelledAgain = api.post("/api/v1/alerts/" + id + "/cancel",
        operator("olivia"), "application/json", reason, cancelKey);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelledAgain.status()).as("a repeated cancel is a replay, not a conflict")
        .isEqualTo(200);
    assertThat(cancelledAgain.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(cancelledAgain.json().path("version").asInt()).isEqualTo(3);
    assertThat(events(id, 3)).extracting(AlertEvent::getMsgType).as("one event per change")
        .containsExactly(MessageType.ALERT, MessageType.UPDATE, MessageType.CANCEL);
  }

  @Test
  void aRejectedOrWithdrawnAlertIsNeverPublished() throws InterruptedException {
    String rejected = api.post("/api/v1/alerts", operator("olivia"), Fixtures.alert("ACTUAL"))
        .json().path("id").asString();
    api.post("/api/v1/alerts/" + rejected + "/issue", operator("olivia"), null);
    Api.Response rejection = api.post("/api/v1/alerts/" + rejected + "/reject",
        approver("arthur"), Map.of("reason", "Wrong area"));
    assertThat(rejection.json().path("state").asString()).isEqualTo("REJECTED");
    assertThat(api.post("/api/v1/alerts/" + rejected + "/approve", approver("arthur"),
        Map.of("contentHash", "sha256:00")).status()).isEqualTo(409);

    String withdrawn = api.post("/api/v1/alerts", operator("olivia"), Fixtures.alert("ACTUAL"))
        .json().path("id").asString();
    api.post("/api/v1/alerts/" + withdrawn + "/issue", operator("olivia"), null);
    Api.Response withdrawal = api.post("/api/v1/alerts/" + withdrawn + "/cancel",
        operator("olivia"), null);
    assertThat(withdrawal.json().path("state").asString()).isEqualTo("CANCELLED");
    assertThat(withdrawal.json().path("version").asInt()).isZero();

    assertThat(eventsOnceRelayed(rejected)).isEmpty();
    assertThat(eventsOnceRelayed(withdrawn)).isEmpty();
  }

  @Test
  void anAlertExpiresOnScheduleAndReleasesItsZones() throws InterruptedException {
    Map<String, Object> exercise = Fixtures.alert("EXERCISE", "LC-ANT");
    exercise.put("expires", Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS)
        .plusSeconds(1).toString());
    String id = api.post("/api/v1/alerts", operator("olivia"), exercise).json().path("id")
        .asString();
    assertThat(api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null).status())
        .isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String state = "";
    while (!state.equals("EXPIRED") && System.nanoTime() < deadline) {
      Thread.sleep(250);
      state = api.get("/api/v1/alerts/" + id, auditor()).json().path("state").asString();
    }
    assertThat(state).isEqualTo("EXPIRED");
    JsonNode audit = api.get("/api/v1/alerts/" + id + "/audit", auditor()).json();
    JsonNode last = audit.get(audit.size() - 1);
    assertThat(last.path("action").asString()).isEqualTo("EXPIRE");
    assertThat(last.path("actor").asString()).isEqualTo("system");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_zones WHERE alert_id = ?::uuid",
        Long.class, id)).isZero();
    assertThat(api.post("/api/v1/alerts/" + id + "/cancel", operator("olivia"), null).status())
        .isEqualTo(409);
  }

  /** The zones of this test; other tests' zones lie in the same places. */
  private static List<String> ours(List<String> zoneIds) {
    return zoneIds.stream().filter(id -> id.startsWith("LC-")).toList();
  }
}
