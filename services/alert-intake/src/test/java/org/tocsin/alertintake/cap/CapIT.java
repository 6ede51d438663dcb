package org.tocsin.alertintake.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import tools.jackson.databind.JsonNode;

/** CAP 1.2 over HTTP: export and import give the same alert; realistic messages are mapped. */
class CapIT extends IntegrationTest {

  private static final String CAP = "application/cap+xml";
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  /** What the CAP round trip must keep; identity, state and history belong to each alert. */
  private static final List<String> CONTENT = List.of("status", "categories", "event", "urgency",
      "severity", "certainty", "effective", "expires", "infos", "area", "channels", "note");

  @BeforeEach
  void zones() {
    importZones("CAP");
  }

  @Test
  void anExportedAlertImportsAsTheSameAlert() {
    Map<String, Object> original = Fixtures.alert("EXERCISE", "CAP-BXL");
    original.put("note", "Oefening met de brandweer");
    JsonNode created = api.post("/api/v1/alerts", operator("olivia"), original).json();
    String id = created.path("id").asString();
    api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);

    Api.Response exported = api.get("/api/v1/alerts/" + id + "/cap", auditor());
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.contentType()).startsWith(CAP);
    CapSchema.assertValid(exported.body());
    assertThat(exported.body()).contains("xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"")
        .contains("<status>Exercise</status>").contains("<valueName>TOCSIN_ZONE</valueName>")
        .contains("<circle>51.22,4.4 2</circle>");

    Api.Response imported = api.post("/api/v1/alerts", operator("pieter"), CAP,
        exported.body(), Map.of());
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    JsonNode copy = imported.json();
    assertThat(copy.path("id").asString()).isNotEqualTo(id);
    assertThat(copy.path("state").asString()).isEqualTo("DRAFT");
    assertThat(copy.path("importedFrom").asString()).isEqualTo("tocsin.invalid/TOCSIN-" + id
        + "-1");
    for (String field : CONTENT) {
      assertThat(copy.path(field)).as(field).isEqualTo(created.path(field));
    }
  }

  @Test
  void aMultiLanguageCapAlertWithPolygonCircleAndZoneBecomesADraft() {
    Api.Response imported = api.post("/api/v1/alerts", operator("olivia"), CAP,
        message("multi-language-alert.xml", Map.of()), Map.of());
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    JsonNode alert = imported.json();
    assertThat(alert.path("status").asString()).isEqualTo("ACTUAL");
    assertThat(alert.path("event").asString()).isEqualTo("Chemische lekkage");
    assertThat(alert.path("categories").toString()).isEqualTo("[\"CBRNE\",\"HEALTH\"]");
    assertThat(alert.path("infos").findValuesAsString("language"))
        .containsExactly("nl", "fr", "de", "en");
    assertThat(alert.path("infos").get(1).path("smsText").asString())
        .startsWith("BE-Alert : fumée toxique");
    assertThat(alert.path("area").path("description").asString())
        .isEqualTo("Brussel-Centrum en omgeving");
    assertThat(alert.path("area").path("polygons")).hasSize(1);
    assertThat(alert.path("area").path("circles").get(0).path("radiusMetres").asDouble())
        .isEqualTo(2000.0);
    assertThat(alert.path("area").path("zoneIds").toString()).isEqualTo("[\"CAP-BXL\"]");
    assertThat(alert.path("importedFrom").asString())
        .isEqualTo("crisiscenter.be/BE-NCCN-2026-000417");

    Api.Response issued = api.post("/api/v1/alerts/" + alert.path("id").asString() + "/issue",
        operator("olivia"), null);
    assertThat(issued.status()).as("an imported ACTUAL alert still needs four eyes")
        .isEqualTo(202);
  }

  @Test
  void aCapExerciseIsUpdatedAndCancelledByCapMessagesThatReferenceIt() {
    Api.Response imported = api.post("/api/v1/alerts", operator("olivia"), CAP,
        message("polygon-and-circle-exercise.xml", Map.of()), Map.of());
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    String id = imported.json().path("id").asString();
    assertThat(imported.json().path("certainty").asString()).isEqualTo("LIKELY");
    assertThat(imported.json().path("infos").get(0).path("headline").asString())
        .isEqualTo("[OEFENING] Nucleair incident in Doel: schuil binnen");
    assertThat(imported.json().path("infos").get(3).path("smsText").asString())
        .as("no SMS parameter: the headline").isEqualTo(
            "[EXERCISE] Nuclear incident in Doel: take shelter");
    api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null);
    AlertEvent first = events(id, 1).get(0);

    String update = message("update.xml", Map.of("{{REFERENCES}}", reference(first)));
    Api.Response misrouted = api.post("/api/v1/alerts", operator("olivia"), CAP, update,
        Map.of());
    assertThat(misrouted.status()).isEqualTo(422);
    assertThat(misrouted.body()).contains("/api/v1/alerts/" + id + "/update");
    Api.Response updated = api.post("/api/v1/alerts/" + id + "/update", operator("olivia"),
        CAP, update, Map.of());
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    AlertEvent second = events(id, 2).get(1);
    assertThat(second.getMsgType()).isEqualTo(MessageType.UPDATE);
    assertThat(second.getArea().getCircles().get(0).getRadiusMetres()).isEqualTo(20_000.0);
    assertThat(second.getPreviousArea().getCircles().get(0).getRadiusMetres())
        .isEqualTo(10_000.0);

    String cancel = message("cancel.xml", Map.of("{{REFERENCES}}",
        reference(first) + " " + reference(second)));
    Api.Response cancelled = api.post("/api/v1/alerts/" + id + "/cancel", operator("olivia"),
        CAP, cancel, Map.of());
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    AlertEvent third = events(id, 3).get(2);
    assertThat(third.getMsgType()).isEqualTo(MessageType.CANCEL);
    assertThat(third.getInfos()).extracting(Info::getHeadline).containsExactly(
        "[OEFENING] Einde oefening Doel", "[EXERCICE] Fin de l'exercice de Doel",
        "[ÜBUNG] Ende der Übung in Doel", "[EXERCISE] Doel exercise over");
    assertThat(third.getNote()).isEqualTo("Einde van de oefening");
    assertThat(third.getArea()).isEqualTo(second.getArea());

    Api.Response exportedCancel = api.get("/api/v1/alerts/" + id + "/cap", auditor());
    CapSchema.assertValid(exportedCancel.body());
    CapSchema.assertValid(api.get("/api/v1/alerts/" + id + "/cap?version=2", auditor()).body());
    assertThat(exportedCancel.body()).contains("<msgType>Cancel</msgType>")
        .contains("<references>" + reference(first) + " " + reference(second) + "</references>");
    Api.Response exportedFirst = api.get("/api/v1/alerts/" + id + "/cap?version=1", auditor());
    CapSchema.assertValid(exportedFirst.body());
    assertThat(exportedFirst.body()).contains("<msgType>Alert</msgType>")
        .contains("<identifier>" + first.getIdentifier() + "</identifier>");
  }

  private static String reference(AlertEvent event) {
    return event.getSender() + "," + event.getIdentifier() + ","
        + CAP_TIME.withZone(ZoneId.of("Europe/Brussels")).format(event.getSent());
  }

  private static String message(String name, Map<String, String> values) {
    try (InputStream in = CapIT.class.getResourceAsStream("/cap/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      text = text.replace("{{SENT}}", cap(now)).replace("{{EXPIRES}}",
          cap(now.plus(4, ChronoUnit.HOURS)));
      for (Map.Entry<String, String> value : values.entrySet()) {
        text = text.replace(value.getKey(), value.getValue());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cap(Instant instant) {
    return CAP_TIME.withZone(ZoneOffset.ofHours(2)).format(instant);
  }
}
