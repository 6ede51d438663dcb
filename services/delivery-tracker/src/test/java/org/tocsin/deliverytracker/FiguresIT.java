package org.tocsin.deliverytracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tocsin.deliverytracker.figures.Category;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.figures.SeriesViews;
import org.tocsin.deliverytracker.ingest.IngestWorker;
import org.tocsin.deliverytracker.store.TrackerStore;
import org.tocsin.deliverytracker.support.Alerts;
import org.tocsin.deliverytracker.support.TrackerHarness;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;
import tools.jackson.databind.JsonNode;

class FiguresIT extends TrackerHarness {

  private static final int TASKS = 200;

  @Autowired
  private IngestWorker worker;
  @Autowired
  private TrackerStore store;

  @Test
  void figuresAreExactUnderDuplicatedReorderedAndReplayedStatusesAndSurviveARestart() {
    String alertId = "TOCSIN-" + UUID.randomUUID();
    // On a whole second, so that times at the series' resolution (0.1 s) are exact.
    Instant issued = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    events.send(topics.alerts(), alertId, Alerts.alert(alertId, AlertStatus.ACTUAL, issued,
        List.of("brussels")));
    List<DeliveryStatus> statuses = statuses(alertId, issued);
    List<DeliveryStatus> shuffled = new ArrayList<>(statuses);
    shuffled.addAll(statuses.subList(0, TASKS));
    Collections.shuffle(shuffled, new Random(7));
    for (DeliveryStatus status : shuffled) {
      events.send(topics.deliveryStatus(), status.getTaskId(), status);
    }
    events.flush();

    String path = "/api/v1/deliveries/" + alertId + "/versions/1/channels/SMS";
    JsonNode figures = awaitJson(path, operator(),
        view -> view.path("counts").path("FINISHED").asLong() == TASKS
            && view.path("counts").path("DELIVERED").asLong() == expectedDelivered(),
        SHOWN_WITHIN);

    JsonNode counts = figures.path("counts");
    assertThat(figures.path("targeted").asLong()).isEqualTo(TASKS);
    assertThat(figures.path("pending").asLong()).isZero();
    assertThat(counts.path("SENT").asLong()).isEqualTo(TASKS - 10);
    assertThat(counts.path("FAILED").asLong()).isEqualTo(10);
    assertThat(counts.path("RETRIED").asLong()).isEqualTo(30);
    assertThat(figures.path("failedByReason").path("21610").asLong()).isEqualTo(10);
    JsonNode brussels = figures.path("zones").get(0);
    assertThat(brussels.path("name").asText()).isEqualTo("brussels");
    assertThat(brussels.path("targeted").asLong()).isEqualTo(TASKS / 2);
    assertThat(brussels.path("counts").path("SENT").asLong()).isEqualTo(TASKS / 2);
    assertThat(figures.path("timings").path("firstSent").asLong()).isEqualTo(1000L);
    assertThat(figures.path("providers").get(0).path("name").asText())
        .isEqualTo("twilio-primary");

    // A restart: the stored figures are those shown, and records read again change nothing.
    worker.stop();
    Deliveries restored = new Deliveries(java.util.Set.of(Channel.SMS));
    store.load(restored);
    SeriesFigures series = restored.existing(new SeriesKey(alertId, 1, Channel.SMS));
    Map<Category, Long> stored = SeriesViews.of(series, null, System.currentTimeMillis(), false)
        .counts();
    assertThat(stored.get(Category.SENT)).isEqualTo(counts.path("SENT").asLong());
    assertThat(stored.get(Category.DELIVERED)).isEqualTo(expectedDelivered());
    for (DeliveryStatus status : statuses) {
      events.send(topics.deliveryStatus(), status.getTaskId(), status);
    }
    events.flush();
    worker.start();
    // Ready again once it has read what was on the topics when it started: the repeats too.
    awaitJson("/actuator/health/readiness", null,
        health -> health.path("status").asText().equals("UP"), SHOWN_WITHIN);
    JsonNode again = getJson(path, operator());
    assertThat(again.path("counts")).isEqualTo(counts);
  }

  @Test
  void theFiguresNeedAnOperatorsToken() {
    assertThat(get("/api/v1/deliveries", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/deliveries", org.tocsin.deliverytracker.support.TestIssuer.shared()
        .token("nobody", "CITIZEN")).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/deliveries", org.tocsin.deliverytracker.support.TestIssuer.shared()
        .tokenForAudience(List.of("another-service"), "olivia", "OPERATOR")).statusCode())
        .isEqualTo(401);
    assertThat(get("/api/v1/deliveries", operator()).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/deliveries/dead-letters", operator()).statusCode()).isEqualTo(403);
  }

  @Test
  void badInputGetsAProblemDetail() {
    var response = get("/api/v1/deliveries/x/versions/1/channels/PIGEON", operator());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(get("/api/v1/deliveries/unknown-alert", operator()).statusCode()).isEqualTo(404);
  }

  private static long expectedDelivered() {
    return TASKS - 10 - 10;
  }

  /**
   * 200 tasks, half of them following "brussels": every tenth retried once; ten refused
   * (21610); the others sent and delivered, except ten that were never reported delivered.
   * Ten are dead-lettered first, then replayed and sent. Twenty DELIVERED callbacks come before
   * their SENT.
   */
  private static List<DeliveryStatus> statuses(String alertId, Instant issued) {
    List<DeliveryStatus> statuses = new ArrayList<>();
    statuses.add(status(alertId, "fanout/" + alertId + "/1/SMS", DeliveryOutcome.FANNED_OUT,
        issued.plusMillis(500), null, List.of("brussels"))
        .setFanOut(FanOutReport.newBuilder().setTargeted(TASKS)
            .setTargetedByZone(Map.of("brussels", (long) TASKS / 2)).setMatchingMillis(1)
            .setDurationMillis(2).build()).build());
    for (int i = 0; i < TASKS; i++) {
      String task = UUID.nameUUIDFromBytes((alertId + i).getBytes()).toString();
      List<String> zones = i % 2 == 0 ? List.of("brussels") : List.of();
      Instant sent = issued.plusMillis(1000 + i * 10L);
      if (i % 10 == 0) {
        statuses.add(status(alertId, task, DeliveryOutcome.RETRYING, sent, "sub-" + i, zones)
            .setProvider("twilio-primary").setErrorCode("20500").build());
      }
      if (i % 20 == 1) {
        statuses.add(status(alertId, task, DeliveryOutcome.FAILED, sent, "sub-" + i, zones)
            .setProvider("twilio-primary").setErrorCode("21610").build());
        continue;
      }
      if (i % 20 == 3) {
        statuses.add(status(alertId, task, DeliveryOutcome.FAILED, sent, "sub-" + i, zones)
            .setErrorCode("20500").setReason("dead-lettered after 6 attempts: 20500").build());
        statuses.add(status(alertId, task, DeliveryOutcome.RETRYING, sent.plusSeconds(30),
            "sub-" + i, zones).setProvider("twilio-primary").setErrorCode("20500").build());
        sent = sent.plusSeconds(40);
      }
      DeliveryStatus sentStatus = status(alertId, task, DeliveryOutcome.SENT, sent, "sub-" + i,
          zones).setProvider("twilio-primary").setProviderMessageId("SM" + i).build();
      if (i % 20 == 5) {
        statuses.add(sentStatus);
        continue;
      }
      DeliveryStatus delivered = status(alertId, task, DeliveryOutcome.DELIVERED,
          sent.plusSeconds(2), null, List.of()).setProvider("twilio-primary")
          .setProviderMessageId("SM" + i).build();
      if (i % 10 == 7) {
        statuses.add(delivered);
        statuses.add(sentStatus);
      } else {
        statuses.add(sentStatus);
        statuses.add(delivered);
      }
    }
    return statuses;
  }

  private static DeliveryStatus.Builder status(String alertId, String taskId,
                                               DeliveryOutcome outcome, Instant at,
                                               String subscriber, List<String> zones) {
    return DeliveryStatus.newBuilder().setTaskId(taskId).setOutcome(outcome).setAt(at)
        .setChannel(Channel.SMS).setLane(Lane.HIGH).setKind(TaskKind.ALERT).setAlertId(alertId)
        .setAlertVersion(1).setSubscriberId(subscriber).setZoneIds(zones).setAttempt(1)
        .setProvider(null).setProviderMessageId(null).setErrorCode(null).setReason(null)
        .setFanOut(null);
  }
}
