package org.tocsin.deliverytracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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

class WarningsIT extends TrackerHarness {

  private static final Duration STALL_AFTER = Duration.ofSeconds(3);

  @DynamicPropertySource
  static void warnings(DynamicPropertyRegistry registry) {
    registry.add("tocsin.tracker.warnings.stall-after", () -> STALL_AFTER.toMillis() + "ms");
  }

  @Test
  void aStallIsWarnedOfWithinTheConfiguredTimeAndClearsWhenSendingResumes() {
    String alertId = "TOCSIN-" + UUID.randomUUID();
    events.send(topics.alerts(), alertId, Alerts.alert(alertId, AlertStatus.ACTUAL,
        Instant.now(), List.of()));
    events.send(topics.deliveryStatus(), "fanout/" + alertId, status(alertId,
        "fanout/" + alertId + "/1/SMS", DeliveryOutcome.FANNED_OUT).setFanOut(FanOutReport
        .newBuilder().setTargeted(10).setTargetedByZone(Map.of()).setMatchingMillis(1)
        .setDurationMillis(2).build()).build());
    sent(alertId, 0, 2);
    events.flush();
    long lastSent = System.nanoTime();

    // The stall time, one monitor tick, and the time to show a record.
    JsonNode stalled = awaitJson("/api/v1/deliveries/warnings", operator(),
        warnings -> stall(warnings, alertId) != null, STALL_AFTER.plus(SHOWN_WITHIN));
    assertThat(Duration.ofNanos(System.nanoTime() - lastSent)).isGreaterThanOrEqualTo(
        STALL_AFTER);
    assertThat(stall(stalled, alertId).path("channel").asText()).isEqualTo("SMS");
    assertThat(stall(stalled, alertId).path("message").asText()).startsWith("8 pending on SMS");
    assertThat(get("/actuator/prometheus", null).body()).containsPattern(
        "tocsin_tracker_stalled\\{[^}]*channel=\"SMS\"[^}]*\\} 1\\.0");

    // Sending resumes and finishes: nothing is pending any more, so the stall stays cleared.
    sent(alertId, 2, 10);
    events.flush();
    awaitJson("/api/v1/deliveries/warnings", operator(),
        warnings -> stall(warnings, alertId) == null, SHOWN_WITHIN);
  }

  private static JsonNode stall(JsonNode warnings, String alertId) {
    for (JsonNode warning : warnings) {
      if (warning.path("kind").asText().equals("STALLED")
          && warning.path("alertId").asText().equals(alertId)) {
        return warning;
      }
    }
    return null;
  }

  private void sent(String alertId, int from, int to) {
    for (int i = from; i < to; i++) {
      String task = UUID.nameUUIDFromBytes((alertId + i).getBytes()).toString();
      events.send(topics.deliveryStatus(), task, status(alertId, task, DeliveryOutcome.SENT)
          .setSubscriberId("sub-" + i).setProvider("twilio-primary")
          .setProviderMessageId("SM" + i).build());
    }
  }

  private static DeliveryStatus.Builder status(String alertId, String taskId,
                                               DeliveryOutcome outcome) {
    return DeliveryStatus.newBuilder().setTaskId(taskId).setOutcome(outcome)
        .setAt(Instant.now()).setChannel(Channel.SMS).setLane(Lane.HIGH)
        .setKind(TaskKind.ALERT).setAlertId(alertId).setAlertVersion(1).setSubscriberId(null)
        .setZoneIds(List.of()).setAttempt(1).setProvider(null).setProviderMessageId(null)
        .setErrorCode(null).setReason(null).setFanOut(null);
  }
}
