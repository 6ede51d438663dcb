package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Bad input of every kind: each gets a 4xx problem detail saying what is wrong and where, and
 * leaves every table and topic as it was.
 */
class BadInputIT extends IntegrationTest {

  @BeforeEach
  void zones() {
    importZones("BI");
  }

  static Stream<Arguments> invalidAlerts() {
    return Stream.of(
        bad("a self-intersecting polygon", 422, "area.polygons[0]", "self-intersects",
            a -> area(a).put("polygons", List.of(Map.of("type", "Polygon", "coordinates",
                List.of(List.of(List.of(4.30, 50.80), List.of(4.40, 50.90),
                    List.of(4.40, 50.80), List.of(4.30, 50.90), List.of(4.30, 50.80))))))),
        bad("a ring that is not closed", 422, "area.polygons[0].coordinates[0]", "not closed",
            a -> area(a).put("polygons", List.of(Map.of("type", "Polygon", "coordinates",
                List.of(List.of(List.of(4.30, 50.80), List.of(4.40, 50.80),
                    List.of(4.40, 50.90), List.of(4.30, 50.90))))))),
        bad("a latitude out of range", 422, "area.polygons[0].coordinates[0][2]", "out of range",
            a -> area(a).put("polygons", List.of(Fixtures.square(4.30, 50.80, 4.40, 95.0)))),
        bad("a polygon outside the service bounds", 422, "area.polygons[0]", "service bounds",
            a -> area(a).put("polygons", List.of(Fixtures.square(-3.75, 40.38, -3.65, 40.45)))),
        bad("a polygon with too many vertices", 422, "area.polygons[0]", "vertices",
            a -> area(a).put("polygons", List.of(manyVertices(25_000)))),
        bad("a polygon with a hole", 422, "area.polygons[0]", "holes",
            a -> area(a).put("polygons", List.of(Map.of("type", "Polygon", "coordinates",
                List.of(ring(4.30, 50.80, 4.40, 50.90), ring(4.33, 50.83, 4.36, 50.86)))))),
        bad("a circle of radius 0", 422, "area.circles[0].radiusMetres", "more than 0",
            a -> area(a).put("circles", List.of(Fixtures.circle(50.85, 4.35, 0)))),
        bad("a circle beyond the maximum radius", 422, "area.circles[0].radiusMetres", "at most",
            a -> area(a).put("circles", List.of(Fixtures.circle(50.85, 4.35, 150_000)))),
        bad("an unknown zone", 422, "area.zoneIds[0]", "not in the catalogue",
            a -> area(a).put("zoneIds", List.of("BI-NOWHERE"))),
        bad("an empty area", 422, "area", "at least one",
            a -> {
              area(a).put("polygons", List.of());
              area(a).put("circles", List.of());
              area(a).put("zoneIds", List.of());
            }),
        bad("a missing language", 422, "infos", "'de'", a -> infos(a).remove(2)),
        bad("a language not configured", 422, "infos[4].language", "must be one of",
            a -> infos(a).add(Fixtures.info("es", "Humo tóxico", "Cierre las ventanas."))),
        bad("a headline over the limit", 422, "infos[0].headline", "at most 160",
            a -> info(a, 0).put("headline", "x".repeat(161))),
        bad("an SMS text over the limit once marked", 422, "infos[3].smsText", "marking",
            a -> {
              a.put("status", "EXERCISE");
              info(a, 3).put("smsText", "x".repeat(300));
            }),
        bad("a missing SMS text", 422, "infos[1].smsText", "required",
            a -> info(a, 1).remove("smsText")),
        bad("an expiry in the past", 422, "expires", "in the past",
            a -> a.put("expires", Instant.now().minusSeconds(60).toString())),
        bad("an expiry beyond the maximum lifetime", 422, "expires", "hours from now",
            a -> a.put("expires", Instant.now().plusSeconds(30 * 24 * 3600).toString())),
        bad("status SYSTEM", 422, "status", "internal", a -> a.put("status", "SYSTEM")),
        bad("an unknown severity", 400, "severity", "unknown value 'CATASTROPHIC'",
            a -> a.put("severity", "CATASTROPHIC")),
        bad("an unknown channel", 400, "channels[1]", "unknown value",
            a -> a.put("channels", List.of("SMS", "PIGEON"))),
        bad("a misspelt property", 400, "severty", "not a known property",
            a -> a.put("severty", "SEVERE")),
        bad("a radius that is not a number", 400, "area.circles[0].radiusMetres", "",
            a -> area(a).put("circles", List.of(Map.of("centre", Map.of("lat", 50.85,
                "lon", 4.35), "radiusMetres", "far")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidAlerts")
  void anInvalidAlertIsRefusedWithFieldAndReasonAndChangesNothing(
      String what, int status, String field, String reason, Consumer<Map<String, Object>> breaker)
      throws InterruptedException {
    Map<String, Object> alert = Fixtures.alert("ACTUAL", "BI-BXL");
    breaker.accept(alert);
    State before = state();
    Api.Response response = api.post("/api/v1/alerts", operator("olivia"), alert);
    assertProblem(response, status);
    assertThat(errors(response)).as(response.body())
        .anySatisfy(error -> {
          assertThat(error.path("field").asString()).isEqualTo(field);
          assertThat(error.path("reason").asString()).contains(reason);
        });
    assertThat(state()).isEqualTo(before);
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("truncated JSON", "application/json", "{\"status\": \"ACTUAL\", ", 400),
        Arguments.of("JSON of the wrong shape", "application/json", "[1, 2, 3]", 400),
        Arguments.of("an empty body", "application/json", "", 400),
        Arguments.of("XML that is not well-formed", "application/cap+xml", "<alert><info>", 400),
        Arguments.of("XML that is not CAP", "application/cap+xml", "<feed xmlns=\"urn:x\"/>", 400),
        Arguments.of("CAP with an external entity", "application/cap+xml", """
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier>
            </alert>""", 400),
        Arguments.of("CAP of status System", "application/cap+xml", """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>
            <sender>s</sender><sent>2026-01-01T10:00:00+01:00</sent><status>System</status>
            <msgType>Alert</msgType><scope>Public</scope></alert>""", 422),
        Arguments.of("an unsupported media type", "text/plain", "hello", 415),
        Arguments.of("a body over the size limit", "application/json",
            "{\"event\": \"" + "x".repeat(1_100_000) + "\"}", 413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void aMalformedBodyIsRefusedAndChangesNothing(String what, String contentType, String body,
                                                int status) throws InterruptedException {
    State before = state();
    Api.Response response = api.post("/api/v1/alerts", operator("olivia"), contentType, body,
        Map.of());
    assertProblem(response, status);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void anAreaTooLargeToPublishIsRefusedBeforeAnythingIsStored() throws InterruptedException {
    Map<String, Object> big = Fixtures.featureCollection(
        Fixtures.feature("BI-BIG1", "custom", "Groot 1", "Grand 1", manyVertices(18_000),
            List.of()),
        Fixtures.feature("BI-BIG2", "custom", "Groot 2", "Grand 2", manyVertices(18_000),
            List.of()));
    assertThat(api.post("/api/v1/zones", admin(), big).status()).isEqualTo(200);
    State before = state();
    Api.Response response = api.post("/api/v1/alerts", operator("olivia"),
        Fixtures.alert("ACTUAL", "BI-BIG1", "BI-BIG2"));
    assertProblem(response, 422);
    assertThat(errors(response)).anySatisfy(error ->
        assertThat(error.path("reason").asString()).contains("vertices"));
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aBadIdempotencyKeyOrIdIsRefused() throws InterruptedException {
    State before = state();
    Api.Response badKey = api.post("/api/v1/alerts", operator("olivia"), "application/json",
        Api.json(Fixtures.alert("EXERCISE")), Map.of("Idempotency-Key", "x".repeat(300)));
    assertProblem(badKey, 400);
    Api.Response badId = api.post("/api/v1/alerts/not-a-uuid/issue", operator("olivia"), null);
    assertProblem(badId, 400);
    Api.Response unknown = api.post("/api/v1/alerts/" + java.util.UUID.randomUUID() + "/issue",
        operator("olivia"), null);
    assertProblem(unknown, 404);
    assertThat(state()).isEqualTo(before);
  }

  private static void assertProblem(Api.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
  }

  private static List<JsonNode> errors(Api.Response response) {
    List<JsonNode> errors = new ArrayList<>();
    response.json().path("errors").forEach(errors::add);
    return errors;
  }

  private static Arguments bad(String what, int status, String field, String reason,
                               Consumer<Map<String, Object>> breaker) {
    return Arguments.of(what, status, field, reason, breaker);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> area(Map<String, Object> alert) {
    return (Map<String, Object>) alert.get("area");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> infos(Map<String, Object> alert) {
    return (List<Object>) alert.get("infos");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> info(Map<String, Object> alert, int index) {
    return (Map<String, Object>) infos(alert).get(index);
  }

  private static List<List<Double>> ring(double west, double south, double east, double north) {
    return List.of(List.of(west, south), List.of(east, south), List.of(east, north),
        List.of(west, north), List.of(west, south));
  }

  /** A regular polygon around Namur with this many vertices. */
  static Map<String, Object> manyVertices(int vertices) {
    List<List<Double>> ring = new ArrayList<>();
    for (int i = 0; i < vertices - 1; i++) {
      double angle = 2 * Math.PI * i / (vertices - 1);
      ring.add(List.of(4.87 + 0.1 * Math.cos(angle), 50.47 + 0.1 * Math.sin(angle)));
    }
    ring.add(ring.get(0));
    return Map.of("type", "Polygon", "coordinates", List.of(ring));
  }
}
