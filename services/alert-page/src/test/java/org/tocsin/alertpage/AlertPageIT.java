package org.tocsin.alertpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.info;
import static org.tocsin.alertpage.AlertFixtures.next;
import static org.tocsin.alertpage.AlertFixtures.toxicSmoke;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;

/**
 * The pages as a reader, a browser cache or a CDN meets them, fed by the real alerts topic:
 * rendered when a version is read, in every language of the alert, with validators and cache
 * headers, updated by every later version, and never stopped by a record it cannot read.
 */
class AlertPageIT extends AlertPageHarness {

  @Autowired
  MeterRegistry meters;

  private static String id() {
    return "it-" + UUID.randomUUID();
  }

  @Test
  void anAlertReadFromTheTopicIsServedInTheReadersLanguageWithValidatorsAndCacheHeaders()
      throws Exception {
    String id = id();
    Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    publish(alert(id, sent, toxicSmoke()).build());

    HttpResponse<String> english = awaitPage("/alerts/" + id, r -> r.statusCode() == 200);
    assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
    assertThat(english.body()).contains("<html lang=\"en\"", "Toxic smoke", "Stay indoors.");
    assertThat(english.headers().firstValue("Cache-Control").orElseThrow())
        .contains("max-age=30", "public", "stale-while-revalidate=30", "stale-if-error=86400");
    assertThat(english.headers().allValues("Vary").toString())
        .contains("Accept-Encoding", "Accept-Language");
    assertThat(english.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'");
    String etag = english.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> french = get("/alerts/" + id + "?lang=fr");
    assertThat(french.body()).contains("<html lang=\"fr\"", "Fumée toxique");
    assertThat(french.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    assertThat(french.headers().allValues("Vary").toString()).doesNotContain("Accept-Language");
    assertThat(get("/alerts/" + id, "Accept-Language", "de-BE,de;q=0.9").body())
        .contains("Giftiger Rauch");

    HttpResponse<String> unchanged = get("/alerts/" + id, "Accept-Language", "en",
        "If-None-Match", etag);
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(
            URI.create(url("/alerts/" + id + "?lang=en")))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    assertThat(gunzip(gzipped.body())).isEqualTo(english.body());
  }

  @Test
  void everyUpdateAndTheCancelShowNewestFirstAndChangeTheEntityTag() {
    String id = id();
    Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
    AlertEvent first = alert(id, sent, List.of(
        info("en", "Toxic smoke", "A warehouse fire.", "Stay indoors."))).build();
    publish(first);
    String etag = awaitPage("/alerts/" + id, r -> r.statusCode() == 200)
        .headers().firstValue("ETag").orElseThrow();

    AlertEvent update = next(first, MessageType.UPDATE, sent.plusSeconds(60), List.of(
        info("en", "Smoke moving north", "The wind turned.", "Keep windows shut."))).build();
    AlertEvent cancel = next(update, MessageType.CANCEL, sent.plusSeconds(90), List.of(
        info("en", "All clear", "The fire is out.", "You may open windows."))).build();
    publish(update, cancel);

    HttpResponse<String> page = awaitPage("/alerts/" + id,
        r -> r.body().contains("All clear"));
    assertThat(page.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    String body = page.body();
    assertThat(body).contains("Cancelled on");
    assertThat(body.indexOf("All clear")).isLessThan(body.indexOf("Smoke moving north"));
    assertThat(body.lastIndexOf("Smoke moving north")).isLessThan(body.lastIndexOf("Toxic smoke"));
  }

  @Test
  void theListShowsTheAlertsInForceWithExercisesMarked() {
    String id = id();
    publish(alert(id, Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of(
        info("en", "Exercise " + id, "Practice.", "Nothing to do."))).setStatus(
        AlertStatus.EXERCISE).build());

    HttpResponse<String> list = awaitPage("/?lang=en", r -> r.body().contains(id));
    assertThat(list.body()).contains("/alerts/" + id, "marking-tag");
    HttpResponse<String> page = get("/alerts/" + id);
    assertThat(page.body()).contains("class=\"marking\"", "part of an exercise");
  }

  @Test
  void anUnknownAlertIsNotFoundAsAPageOrAsProblemDetails() {
    HttpResponse<String> page = get("/alerts/" + id(), "Accept-Language", "nl");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");

    HttpResponse<String> problem = get("/alerts/" + id(), "Accept", "application/json");
    assertThat(problem.statusCode()).isEqualTo(404);
    assertThat(problem.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(problem.body()).contains("\"status\":404");

    assertThat(get("/alerts/x?lang=%3Cscript%3E", "Accept", "application/json").statusCode())
        .isEqualTo(400);
  }

  @Test
  void aRecordThatCannotBeDecodedIsCountedAndTheAlertsAfterItStillGetTheirPages() {
    double before = unreadable();
    publishBytes("garbage", "not an alert event".getBytes(StandardCharsets.UTF_8));
    String id = id();
    publish(alert(id, Instant.now().truncatedTo(ChronoUnit.SECONDS), toxicSmoke()).build());

    awaitPage("/alerts/" + id, r -> r.statusCode() == 200);
    assertThat(unreadable()).isGreaterThan(before);
  }

  @Test
  void theServiceIsReadyOnceItHasReadTheTopic() {
    HttpResponse<String> readiness = awaitPage("/actuator/health/readiness",
        r -> r.statusCode() == 200);
    assertThat(readiness.body()).contains("\"status\":\"UP\"");
  }

  private double unreadable() {
    return meters.counter("tocsin.alert-page.unreadable").count();
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
