package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.ResponseType;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes on every word citizens receive, through the HTTP API with the events read back
 * from Kafka: what one operator alone can send (the prepared CANCEL and all-clear) and what
 * waits for a second person (an own-text CANCEL, every UPDATE of an ACTUAL alert), whatever
 * the roles of whoever asks.
 */
class FourEyesIT extends IntegrationTest {

  /** Every role at once: no role lets anyone past four eyes. */
  private static final String[] ALL_ROLES = {"OPERATOR", "APPROVER", "AUDITOR", "ADMIN"};

  @Test
  void anOwnTextCancelOfAnActualAlertWaitsForASecondPersonAndThenSendsThoseTexts()
      throws InterruptedException {
    String id = liveActualAlert("olivia", "arthur");
    Map<String, Object> cancel = Map.of("reason", "Misbruik", "infos", List.of(Fixtures.info(
        "nl", "EVACUEER NU: verlaat uw huis", "Ga naar het noorden.")));
    Api.Response requested = api.post("/api/v1/alerts/" + id + "/cancel",
        ISSUER.token("mallory", ALL_ROLES), cancel);
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    assertThat(requested.json().path("state").asString()).isEqualTo("ISSUED");
    assertThat(requested.json().path("pendingApproval").path("msgType").asString())
        .isEqualTo("CANCEL");
    assertThat(eventsOnceRelayed(id)).as("one operator's words reach nobody").hasSize(1);

    String hash = requested.json().path("pendingApproval").path("contentHash").asString();
    Api.Response byProposer = api.post("/api/v1/alerts/" + id + "/approve",
        ISSUER.token("mallory", ALL_ROLES), Map.of("contentHash", hash));
    assertThat(byProposer.status()).isEqualTo(403);
    assertThat(byProposer.json().path("detail").asString()).startsWith("Four eyes");

    JsonNode shown = api.get("/api/v1/alerts/" + id + "/approval", approver("berta")).json();
    assertThat(shown.path("contentHash").asString()).isEqualTo(hash);
    assertThat(shown.path("msgType").asString()).isEqualTo("CANCEL");
    assertThat(shown.path("infos").get(0).path("headline").asString())
        .isEqualTo("EVACUEER NU: verlaat uw huis");
    Api.Response approved = api.post("/api/v1/alerts/" + id + "/approve", approver("berta"),
        Map.of("contentHash", hash));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("state").asString()).isEqualTo("CANCELLED");

    AlertEvent sent = events(id, 2).get(1);
    assertThat(sent.getMsgType()).isEqualTo(MessageType.CANCEL);
    assertThat(sent.getInfos().get(0).getHeadline()).isEqualTo("EVACUEER NU: verlaat uw huis");
    assertThat(sent.getInfos().get(1).getHeadline()).as("no own text in French: prepared")
        .startsWith("ANNULÉ : Chemical release");
    assertThat(sent.getIssuedBy()).isEqualTo("mallory");
    assertThat(sent.getApprovedBy()).isEqualTo("berta");
  }

  @Test
  void thePreparedCancelGoesOutAtOnceWithOnlyTheEventAndAreaAndSupersedesAPendingChange() {
    String id = liveActualAlert("olivia", "arthur");
    Api.Response pending = api.post("/api/v1/alerts/" + id + "/update", approver("arthur"),
        Fixtures.alert("ACTUAL"));
    assertThat(pending.status()).isEqualTo(202);

    Api.Response cancelled = api.post("/api/v1/alerts/" + id + "/cancel", operator("pieter"),
        Map.of("reason", "Vals alarm: sirene getest"));
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("state").asString()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().path("pendingApproval").isNull()).isTrue();

    AlertEvent cancel = events(id, 2).get(1);
    assertThat(cancel.getMsgType()).isEqualTo(MessageType.CANCEL);
    assertThat(cancel.getInfos()).extracting(Info::getHeadline).containsExactly(
        "INGETROKKEN: Chemical release – Brussels centre and Antwerp port",
        "ANNULÉ : Chemical release – Brussels centre and Antwerp port",
        "ZURÜCKGEZOGEN: Chemical release – Brussels centre and Antwerp port",
        "CANCELLED: Chemical release – Brussels centre and Antwerp port");
    assertThat(cancel.getInfos()).allSatisfy(info -> {
      assertThat(info.getDescription() + info.getSmsText()).doesNotContain("sirene", "Toxic",
          "Giftige", "windows");
      assertThat(info.getInstruction()).isNull();
    });
    assertThat(cancel.getNote()).isEqualTo("Vals alarm: sirene getest");
    assertThat(cancel.getApprovedBy()).isNull();
    JsonNode audit = api.get("/api/v1/alerts/" + id + "/audit", auditor()).json();
    assertThat(audit.findValuesAsString("action")).containsSubsequence("UPDATE_REQUESTED",
        "APPROVAL_SUPERSEDED", "CANCEL");
  }

  @Test
  void theAllClearIsAnUpdateWithThePreparedTextsThatGoesOutAtOnce() {
    String id = liveActualAlert("olivia", "arthur");
    Api.Response cleared = api.post("/api/v1/alerts/" + id + "/all-clear", operator("pieter"),
        Map.of("reason", "Brand geblust"));
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(cleared.json().path("state").asString()).isEqualTo("UPDATED");
    assertThat(cleared.json().path("responseTypes").toString()).isEqualTo("[\"ALL_CLEAR\"]");

    List<AlertEvent> events = events(id, 2);
    AlertEvent clear = events.get(1);
    assertThat(clear.getMsgType()).isEqualTo(MessageType.UPDATE);
    assertThat(clear.getResponseTypes()).containsExactly(ResponseType.ALL_CLEAR);
    assertThat(clear.getInfos()).extracting(Info::getHeadline).containsExactly(
        "EINDE ALARM: Chemical release – Brussels centre and Antwerp port",
        "FIN D'ALERTE : Chemical release – Brussels centre and Antwerp port",
        "ENTWARNUNG: Chemical release – Brussels centre and Antwerp port",
        "ALL CLEAR: Chemical release – Brussels centre and Antwerp port");
    assertThat(clear.getArea()).as("the area last sent").isEqualTo(events.get(0).getArea());
    assertThat(clear.getPreviousArea()).isEqualTo(events.get(0).getArea());
    assertThat(clear.getExpires()).isAfterOrEqualTo(clear.getSent().plus(Duration.ofHours(1)));
    assertThat(clear.getApprovedBy()).isNull();
  }

  @Test
  void everyUpdateOfAnActualAlertWaitsForASecondPersonAndSendsExactlyWhatWasApproved()
      throws InterruptedException {
    String id = liveActualAlert("olivia", "arthur");
    Map<String, Object> correction = Fixtures.alert("ACTUAL");
    correction.put("severity", "EXTREME");
    Api.Response requested = api.post("/api/v1/alerts/" + id + "/update",
        ISSUER.token("arthur", ALL_ROLES), correction);
    assertThat(requested.status()).as("not even the approver of the alert, with every role")
        .isEqualTo(202);
    assertThat(requested.json().path("severity").asString()).as("the alert is unchanged")
        .isEqualTo("SEVERE");
    assertThat(eventsOnceRelayed(id)).hasSize(1);

    Map<String, Object> second = Fixtures.alert("ACTUAL");
    second.put("severity", "MODERATE");
    Api.Response superseding = api.post("/api/v1/alerts/" + id + "/update", operator("pieter"),
        second);
    assertThat(superseding.status()).isEqualTo(202);
    String firstHash = requested.json().path("pendingApproval").path("contentHash").asString();
    String hash = superseding.json().path("pendingApproval").path("contentHash").asString();
    assertThat(hash).isNotEqualTo(firstHash);

    Api.Response missing = api.post("/api/v1/alerts/" + id + "/approve", approver("berta"), null);
    assertThat(missing.status()).isEqualTo(422);
    Api.Response stale = api.post("/api/v1/alerts/" + id + "/approve", approver("berta"),
        Map.of("contentHash", firstHash));
    assertThat(stale.status()).as("the hash of the request that was superseded").isEqualTo(409);
    assertThat(stale.json().path("detail").asString()).contains(hash);
    assertThat(eventsOnceRelayed(id)).hasSize(1);

    Api.Response approved = api.post("/api/v1/alerts/" + id + "/approve", approver("berta"),
        Map.of("contentHash", hash));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    AlertEvent update = events(id, 2).get(1);
    assertThat(update.getMsgType()).isEqualTo(MessageType.UPDATE);
    assertThat(update.getSeverity().name()).isEqualTo("MODERATE");
    assertThat(update.getIssuedBy()).isEqualTo("pieter");
    assertThat(update.getApprovedBy()).isEqualTo("berta");
    assertThat(approved.json().path("versions").get(1).path("contentHash").asString())
        .isEqualTo(hash);
  }

  @Test
  void aRejectedUpdateLeavesTheAlertAsItWas() throws InterruptedException {
    String id = liveActualAlert("olivia", "arthur");
    api.post("/api/v1/alerts/" + id + "/update", operator("pieter"), Fixtures.alert("ACTUAL"));
    Api.Response rejected = api.post("/api/v1/alerts/" + id + "/reject", approver("berta"),
        Map.of("reason", "Verkeerde zone"));
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().path("state").asString()).isEqualTo("ISSUED");
    assertThat(rejected.json().path("pendingApproval").isNull()).isTrue();
    assertThat(api.post("/api/v1/alerts/" + id + "/approve", approver("berta"),
        Map.of("contentHash", "sha256:00")).status()).isEqualTo(409);
    assertThat(eventsOnceRelayed(id)).hasSize(1);
  }

  @Test
  void anAdminCannotApproveAndAnApproverCannotReleaseTheirOwnDraft() {
    String id = api.post("/api/v1/alerts", ISSUER.token("adam", ALL_ROLES),
        Fixtures.alert("ACTUAL")).json().path("id").asString();
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue",
        ISSUER.token("adam", ALL_ROLES), null);
    assertThat(issued.status()).isEqualTo(202);
    String hash = issued.json().path("pendingApproval").path("contentHash").asString();
    assertThat(api.post("/api/v1/alerts/" + id + "/approve", ISSUER.token("adam", ALL_ROLES),
        Map.of("contentHash", hash)).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/alerts/" + id + "/approve", ISSUER.token("eve", "ADMIN"),
        Map.of("contentHash", hash)).status()).as("ADMIN alone approves nothing").isEqualTo(403);
    assertThat(api.get("/api/v1/alerts?awaitingApproval=true&createdBy=adam", auditor()).json()
        .findValuesAsString("id")).contains(id);
  }

  @Test
  void capUpdatesAndCancelsOfAnActualAlertFollowTheSameRules() throws InterruptedException {
    String id = liveActualAlert("olivia", "arthur");
    JsonNode first = api.get("/api/v1/alerts/" + id, auditor()).json().path("versions").get(0);
    String exported = api.get("/api/v1/alerts/" + id + "/cap", auditor()).body();
    String reference = "tocsin.invalid," + first.path("identifier").asString() + ","
        + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
        .withZone(ZoneId.of("Europe/Brussels")).format(Instant.parse(first.path("sent").asString()));
    String cancel = exported.replaceFirst("<identifier>[^<]*</identifier>",
            "<identifier>FE-CAP-" + System.nanoTime() + "</identifier>")
        .replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
        .replaceFirst("<info>", "<references>" + reference + "</references><info>");
    Api.Response requested = api.post("/api/v1/alerts/" + id + "/cancel", operator("pieter"),
        "application/cap+xml", cancel, Map.of());
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    assertThat(eventsOnceRelayed(id)).as("a CAP Cancel with its own texts waits").hasSize(1);
    String hash = requested.json().path("pendingApproval").path("contentHash").asString();
    assertThat(api.post("/api/v1/alerts/" + id + "/approve", approver("berta"),
        Map.of("contentHash", hash)).status()).isEqualTo(200);
    assertThat(events(id, 2).get(1).getMsgType()).isEqualTo(MessageType.CANCEL);
  }

  /** An ACTUAL alert drafted and asked for by one person, released by another. */
  private String liveActualAlert(String drafter, String approverName) {
    Api.Response created = api.post("/api/v1/alerts", operator(drafter),
        Fixtures.alert("ACTUAL"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator(drafter), null);
    Api.Response approved = api.post("/api/v1/alerts/" + id + "/approve",
        approver(approverName), Map.of("contentHash",
            issued.json().path("pendingApproval").path("contentHash").asString()));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    return id;
  }
}
