package org.tocsin.dispatcherpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Reference;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.push.ReceivedPush;

/** Sends large enough to take seconds: 300 pushes per second to the push service. */
@TestPropertySource(properties = "tocsin.push.default-service.messages-per-second=300")
class LargeSendIT extends PushDispatcherHarness {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aHighLaneAlertIssuedDuringALargeNormalSendIsDeliveredBeforeTheNormalSendEnds()
      throws Exception {
    Area monthlyTestArea = area(List.of(rectangle(50.0, 3.0, 50.5, 3.5)), List.of(), List.of());
    Area fireArea = area(List.of(rectangle(50.6, 3.0, 50.7, 3.1)), List.of(), List.of());
    addSubscribers(grid("monthly", 2000, 50.0, 3.0, 0.5));
    addSubscribers(grid("fire", 50, 50.6, 3.0, 0.1));

    String testId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), testId, alert(testId, AlertStatus.TEST, Severity.MINOR,
        monthlyTestArea, info("nl", "TEST: maandelijkse test van Tocsin")).build());
    FAKE.awaitPushCount(300, Duration.ofSeconds(60));
    String fireId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), fireId, alert(fireId, AlertStatus.ACTUAL, Severity.EXTREME,
        fireArea, info("nl", "Grote brand: blijf binnen")).build());

    finalStatuses(fireId, 50, Duration.ofSeconds(60));
    finalStatuses(testId, 2000, Duration.ofSeconds(120));
    List<ReceivedPush> pushes = FAKE.pushes();

    int lastFire = lastIndex(pushes, fireId);
    int lastTest = lastIndex(pushes, testId);
    long testsBeforeLastFire = pushes.subList(0, lastFire).stream()
        .filter(push -> testId.equals(alertOf(push))).count();
    assertThat(lastFire).isLessThan(lastTest);
    assertThat(testsBeforeLastFire).as("monthly-test pushes sent before the fire alert was done")
        .isLessThan(2000);
    assertThat(pushes.stream().map(ReceivedPush::subscriptionId).distinct()).hasSize(2050);
    // Only a push whose answer never came within the response timeout may arrive twice.
    long timedOut = kafka.readAll(topics.deliveryStatus()).stream().map(ConsumerRecord::value)
        .filter(s -> (testId.equals(s.getAlertId()) || fireId.equals(s.getAlertId()))
            && s.getOutcome() == DeliveryOutcome.RETRYING
            && "push-timeout".equals(s.getErrorCode()))
        .count();
    assertThat(pushes.size() - 2050L).as("second copies").isLessThanOrEqualTo(timedOut);
    assertThat(pushes.stream().filter(push -> fireId.equals(alertOf(push))))
        .allSatisfy(push -> assertThat(push.urgency()).isEqualTo("high"));
  }

  @Test
  void aCancelDuringALargeSendStopsItAndReachesExactlyThoseAlreadyReached() throws Exception {
    Area floodArea = area(List.of(rectangle(51.0, 5.0, 51.5, 5.5)), List.of(), List.of());
    addSubscribers(grid("flood", 1500, 51.0, 5.0, 0.5));
    String alertId = UUID.randomUUID().toString();
    AlertEvent original = alert(alertId, AlertStatus.EXERCISE, Severity.MODERATE, floodArea,
        info("nl", "OEFENING: overstroming")).build();
    kafka.publish(topics.alerts(), alertId, original);
    FAKE.awaitPushCount(300, Duration.ofSeconds(60));

    AlertEvent cancel = AlertEvent.newBuilder(original)
        .setVersion(2).setIdentifier(alertId + "-2").setMsgType(MessageType.CANCEL)
        .setSent(original.getSent().plusSeconds(5))
        .setReferences(List.of(new Reference(original.getSender(), original.getIdentifier(),
            original.getSent())))
        .setInfos(List.of(info("nl", "OEFENING: einde van de oefening")))
        .setPreviousArea(floodArea)
        .build();
    kafka.publish(topics.alerts(), alertId, cancel);

    // The cancel goes to everyone the send ledger shows the original reached or tried, never
    // to the rest, whose tasks the stopped fan-out may not even have written.
    Map<String, DeliveryStatus> statuses = finalStatusesWhen(alertId,
        finals -> sent(finals, 1) >= 300 && sent(finals, 2) == sent(finals, 1),
        Duration.ofSeconds(90));
    List<ReceivedPush> pushes = FAKE.pushes();

    Set<String> reachedByOriginal = reached(pushes, 1);
    Set<String> reachedByCancel = reached(pushes, 2);
    assertThat(reachedByOriginal).hasSizeGreaterThanOrEqualTo(300).hasSizeLessThan(1500);
    assertThat(reachedByCancel).isEqualTo(reachedByOriginal);
    assertThat(pushes).hasSize(2 * reachedByOriginal.size());
    Map<String, Long> cancelOutcomes = statuses.values().stream()
        .filter(s -> s.getAlertVersion() == 2)
        .collect(Collectors.groupingBy(s -> s.getOutcome().name(), Collectors.counting()));
    assertThat(cancelOutcomes.get("SENT")).isEqualTo(reachedByOriginal.size());
    assertThat(cancelOutcomes.keySet()).as("a cancel task is sent, or skipped for someone the "
        + "original never reached after all").isSubsetOf("SENT", "SKIPPED");
    assertThat(pushes).filteredOn(push -> versionOf(push) == 2).allSatisfy(push ->
        assertThat(JSON.readTree(push.payload()).path("tag").asText()).isEqualTo(alertId));
  }

  private static long sent(Map<String, DeliveryStatus> statuses, int version) {
    return statuses.values().stream().filter(s -> s.getAlertVersion() == version)
        .filter(s -> s.getOutcome() == DeliveryOutcome.SENT).count();
  }

  private static Set<String> reached(List<ReceivedPush> pushes, int version) {
    return pushes.stream().filter(push -> versionOf(push) == version)
        .map(ReceivedPush::subscriptionId).collect(Collectors.toSet());
  }

  private static int lastIndex(List<ReceivedPush> pushes, String alertId) {
    int last = -1;
    for (int i = 0; i < pushes.size(); i++) {
      if (alertId.equals(alertOf(pushes.get(i)))) {
        last = i;
      }
    }
    return last;
  }

  private static String alertOf(ReceivedPush push) {
    try {
      return JSON.readTree(push.payload()).path("alertId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int versionOf(ReceivedPush push) {
    try {
      return JSON.readTree(push.payload()).path("version").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
