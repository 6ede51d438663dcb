package org.tocsin.alertintake.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * CAP as Belgian authorities' systems write it, over HTTP against the real arrondissements of
 * Belgium imported as zones with their NIS codes: each rule of the most protective reading, the
 * warnings in the answer, one alert per CAP message, and every message Tocsin writes valid
 * against the OASIS CAP 1.2 schema.
 */
class CapVariantsIT extends IntegrationTest {

  private static final String CAP = "application/cap+xml";
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.ofHours(2));

  @BeforeEach
  void arrondissements() {
    if (rows("zone_codes") > 0) {
      return;
    }
    Api.Response imported = api.post("/api/v1/zones?kind=CUSTOM", admin(),
        "application/geo+json", resource("/data/arrondissements.geojson"), Map.of());
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().path("imported").asInt()).isEqualTo(43);
  }

  @Test
  void aNationalAlertWithNisGeocodesAndSparseLaterBlocksBecomesOneDraft() {
    Api.Response response = post("/api/v1/alerts", message("nccn-antwerp-port-fire.xml"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode alert = response.json();
    assertThat(alert.path("area").path("zoneIds").toString()).isEqualTo("[\"NIS-11000\"]");
    assertThat(alert.path("area").path("circles").get(0).path("radiusMetres").asDouble())
        .isEqualTo(5000.0);
    assertThat(alert.path("categories").toString()).isEqualTo("[\"FIRE\",\"CBRNE\"]");
    assertThat(alert.path("infos").findValuesAsString("language"))
        .containsExactly("nl", "fr", "de", "en");
    assertThat(alert.path("infos").get(3).path("description").asString())
        .isEqualTo("Fire in the port of Antwerp: stay indoors");
    assertThat(warnings(alert)).contains("alert.info[1].description: is missing; the headline "
        + "is the description");

    Api.Response issued = api.post("/api/v1/alerts/" + alert.path("id").asString() + "/issue",
        operator("olivia"), null);
    assertThat(issued.status()).as("an imported ACTUAL alert still needs four eyes")
        .isEqualTo(202);
    Api.Response exported = api.get("/api/v1/alerts/" + alert.path("id").asString() + "/cap",
        auditor());
    CapSchema.assertValid(exported.body());
    assertThat(exported.body()).contains("<value>NIS-11000</value>");
  }

  @Test
  void aProvincialAlertWhoseBlocksDifferKeepsTheMostProtectiveValuesAndSaysSo() {
    Api.Response response = post("/api/v1/alerts", message("liege-province-flood.xml"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode alert = response.json();
    assertThat(alert.path("severity").asString()).isEqualTo("EXTREME");
    assertThat(alert.path("urgency").asString()).isEqualTo("IMMEDIATE");
    assertThat(alert.path("certainty").asString()).isEqualTo("OBSERVED");
    assertThat(alert.path("area").path("zoneIds").toString())
        .isEqualTo("[\"NIS-62000\",\"NIS-63000\"]");
    assertThat(warnings(alert)).anySatisfy(w -> assertThat(w).startsWith("alert.info.severity: "
        + "differs between the info blocks (Severe, Extreme); the highest, Extreme, is kept"));
    assertThat(warnings(alert)).anySatisfy(w -> assertThat(w).startsWith("alert.info.expires:"));
    CapSchema.assertValid(api.get("/api/v1/alerts/" + alert.path("id").asString() + "/cap",
        auditor()).body());
  }

  @Test
  void aGeocodeNotUnderstoodIsIgnoredBesidesAPolygonAndRefusedAlone() throws Exception {
    Api.Response response = post("/api/v1/alerts", message("gent-municipal-gas-leak.xml"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(warnings(response.json())).anySatisfy(w -> assertThat(w).startsWith(
        "alert.info[0].area[0].geocode[0]: 'GENT_STRAATCODE' is not understood"));

    State before = state();
    Api.Response refused = post("/api/v1/alerts", message("gent-municipal-gas-leak.xml")
        .replaceAll("<polygon>[^<]*</polygon>", ""));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body()).contains("alert.info[0].area[0].geocode[0]")
        .contains("Tocsin cannot tell where it is");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void differentEventsAreRefusedWithTheReason() throws Exception {
    String xml = message("gent-municipal-gas-leak.xml");
    String second = xml.substring(xml.indexOf("<info>"), xml.indexOf("</info>") + 7)
        .replace("<event>Gaslek</event>", "<event>Brand</event>");
    State before = state();
    Api.Response refused = post("/api/v1/alerts", xml.replace("</alert>", second + "</alert>"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("alert.info[4].event").contains("one message, one event");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void theSameCapMessageTwiceMakesOneAlertEvenAtTheSameTime() throws Exception {
    String xml = message("nccn-antwerp-port-fire.xml");
    long alertsBefore = rows("alerts");
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> both = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      both.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return post("/api/v1/alerts", xml);
      }));
    }
    start.countDown();
    List<Api.Response> responses = both.stream().map(CompletableFuture::join).toList();
    assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(201, 200);
    assertThat(responses).extracting(r -> r.json().path("id").asString()).containsOnly(
        responses.get(0).json().path("id").asString());
    Api.Response third = post("/api/v1/alerts", xml);
    assertThat(third.status()).isEqualTo(200);
    assertThat(third.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(warnings(third.json())).anySatisfy(w -> assertThat(w)
        .contains("was imported before, as alert"));
    assertThat(rows("alerts")).isEqualTo(alertsBefore + 1);
  }

  @Test
  void aCancelOfAnotherStatusThanTheAlertIsAContradiction() throws Exception {
    String exercise = message("gent-municipal-gas-leak.xml")
        .replace("<status>Actual</status>", "<status>Exercise</status>");
    JsonNode alert = post("/api/v1/alerts", exercise).json();
    String id = alert.path("id").asString();
    assertThat(api.post("/api/v1/alerts/" + id + "/issue", operator("olivia"), null).status())
        .isEqualTo(200);
    String exported = api.get("/api/v1/alerts/" + id + "/cap", auditor()).body();
    CapSchema.assertValid(exported);
    String reference = between(exported, "<sender>", "</sender>") + ","
        + between(exported, "<identifier>", "</identifier>") + ","
        + between(exported, "<sent>", "</sent>");
    String cancel = """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>GENT-NOOD-2026-118-C</identifier><sender>noodplanning@stad.gent</sender>
          <sent>%s</sent><status>Actual</status><msgType>Cancel</msgType><scope>Public</scope>
          <references>%s</references>
          <info><language>nl-BE</language><category>Safety</category><event>Gaslek</event>
            <urgency>Past</urgency><severity>Minor</severity><certainty>Observed</certainty>
            <headline>Einde gaslek</headline></info>
        </alert>""".formatted(CAP_TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        reference);
    State before = state();
    Api.Response refused = post("/api/v1/alerts/" + id + "/cancel", cancel);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.body()).contains("alert.status").contains("a contradiction");
    assertThat(state()).isEqualTo(before);
  }

  private Api.Response post(String path, String xml) {
    return api.post(path, operator("olivia"), CAP, xml, Map.of());
  }

  private static List<String> warnings(JsonNode answer) {
    List<String> warnings = new ArrayList<>();
    answer.path("warnings").forEach(w -> warnings.add(w.path("field").asString() + ": "
        + w.path("reason").asString()));
    return warnings;
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from) + from.length();
    return text.substring(start, text.indexOf(to, start));
  }

  /** A message of {@code cap/be/}, sent now, under an identifier of its own. */
  private static String message(String name) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return resource("/cap/be/" + name).replace("{{SENT}}", CAP_TIME.format(now))
        .replace("{{EXPIRES_LATER}}", CAP_TIME.format(now.plus(6, ChronoUnit.HOURS)))
        .replace("{{EXPIRES}}", CAP_TIME.format(now.plus(4, ChronoUnit.HOURS)))
        .replaceFirst("<identifier>([^<]*)</identifier>",
            "<identifier>$1-" + UUID.randomUUID() + "</identifier>");
  }

  private static String resource(String path) {
    try (InputStream in = CapVariantsIT.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
