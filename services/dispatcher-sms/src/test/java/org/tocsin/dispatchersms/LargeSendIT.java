package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Reference;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.twilio.SentSms;

/** Sends large enough to take seconds: 300 SMS per second through the account. */
@TestPropertySource(properties = "tocsin.sms.primary.messages-per-second=300")
class LargeSendIT extends SmsDispatcherHarness {

  @Test
  void aHighLaneAlertIssuedDuringALargeNormalSendIsDeliveredBeforeTheNormalSendEnds() {
    Area monthlyTestArea = area(List.of(rectangle(50.0, 3.0, 50.5, 3.5)), List.of(), List.of());
    Area fireArea = area(List.of(rectangle(50.6, 3.0, 50.7, 3.1)), List.of(), List.of());
    addSubscribers(grid("+3247200", 3000, 50.0, 3.0, 0.5));
    addSubscribers(grid("+3247201", 50, 50.6, 3.0, 0.1));

    String testId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), testId, alert(testId, AlertStatus.TEST, Severity.MINOR,
        monthlyTestArea, info("nl", "TEST: maandelijkse test van Tocsin")).build());
    awaitMessages(300);
    String fireId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), fireId, alert(fireId, AlertStatus.ACTUAL, Severity.EXTREME,
        fireArea, info("nl", "Grote brand: blijf binnen")).build());

    finalStatuses(fireId, 50, Duration.ofSeconds(60));
    finalStatuses(testId, 3000, Duration.ofSeconds(120));
    List<SentSms> messages = FAKE.messages();

    int lastFire = lastIndex(messages, "+3247201");
    int lastTest = lastIndex(messages, "+3247200");
    long testsBeforeLastFire = messages.subList(0, lastFire).stream()
        .filter(sms -> sms.to().startsWith("+3247200")).count();
    assertThat(lastFire).isLessThan(lastTest);
    assertThat(testsBeforeLastFire).as("monthly-test messages sent before the fire alert was done")
        .isLessThan(3000);
    assertThat(messages).hasSize(3050);
    assertOnePerRecipient(messages);
  }

  @Test
  void aCancelDuringALargeSendStopsItAndReachesExactlyThoseAlreadyReached() {
    Area floodArea = area(List.of(rectangle(51.0, 5.0, 51.5, 5.5)), List.of(), List.of());
    addSubscribers(grid("+3247300", 2000, 51.0, 5.0, 0.5));
    String alertId = UUID.randomUUID().toString();
    AlertEvent original = alert(alertId, AlertStatus.EXERCISE, Severity.MODERATE, floodArea,
        info("nl", "OEFENING: overstroming, ga naar hoger gelegen plaatsen")).build();
    kafka.publish(topics.alerts(), alertId, original);
    awaitMessages(400);

    AlertEvent cancel = AlertEvent.newBuilder(original)
        .setVersion(2).setIdentifier(alertId + "-2").setMsgType(MessageType.CANCEL)
        .setSent(original.getSent().plusSeconds(5))
        .setReferences(List.of(new Reference(original.getSender(), original.getIdentifier(),
            original.getSent())))
        .setInfos(List.of(info("nl", "OEFENING: einde van de overstromingsoefening")))
        .setPreviousArea(floodArea)
        .build();
    kafka.publish(topics.alerts(), alertId, cancel);

    // The cancel goes to everyone the send ledger shows the original reached or tried, never
    // to the rest, whose tasks the stopped fan-out may not even have written.
    Map<String, DeliveryStatus> statuses = finalStatusesWhen(alertId,
        finals -> sent(finals, 1) >= 400 && sent(finals, 2) == sent(finals, 1),
        Duration.ofSeconds(90));
    List<SentSms> messages = FAKE.messages();

    Set<String> reachedByOriginal = recipients(messages, "overstroming, ga");
    Set<String> reachedByCancel = recipients(messages, "einde van");
    assertThat(reachedByOriginal).hasSizeGreaterThanOrEqualTo(400).hasSizeLessThan(2000);
    assertThat(reachedByCancel).isEqualTo(reachedByOriginal);
    assertOnePerRecipient(messages.stream().filter(sms -> sms.body().contains("einde van"))
        .toList());
    assertOnePerRecipient(messages.stream().filter(sms -> sms.body().contains("ga naar"))
        .toList());
    Map<String, Long> originalOutcomes = outcomes(statuses, 1);
    Map<String, Long> cancelOutcomes = outcomes(statuses, 2);
    assertThat(originalOutcomes).containsOnlyKeys("SENT", "CANCELLED");
    assertThat(originalOutcomes.get("SENT")).isEqualTo(reachedByOriginal.size());
    assertThat(cancelOutcomes.get("SENT")).isEqualTo(reachedByOriginal.size());
    assertThat(cancelOutcomes.keySet()).as("a cancel task is sent, or skipped for someone the "
        + "original never reached after all").isSubsetOf("SENT", "SKIPPED");
  }

  private static long sent(Map<String, DeliveryStatus> statuses, int version) {
    return statuses.values().stream().filter(s -> s.getAlertVersion() == version)
        .filter(s -> s.getOutcome() == DeliveryOutcome.SENT).count();
  }

  private static Map<String, Long> outcomes(Map<String, DeliveryStatus> statuses, int version) {
    return statuses.values().stream().filter(s -> s.getAlertVersion() == version)
        .collect(Collectors.groupingBy(s -> s.getOutcome().name(), Collectors.counting()));
  }

  private static Set<String> recipients(List<SentSms> messages, String text) {
    return messages.stream().filter(sms -> sms.body().contains(text)).map(SentSms::to)
        .collect(Collectors.toSet());
  }

  private static int lastIndex(List<SentSms> messages, String prefix) {
    int last = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).to().startsWith(prefix)) {
        last = i;
      }
    }
    return last;
  }

  private void awaitMessages(int count) {
    try {
      FAKE.awaitMessageCount(count, Duration.ofSeconds(60));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Subscribers on a grid inside a square, numbers {@code prefix} + 4 digits. */
  static List<SubscriberChanged> grid(String prefix, int count, double south, double west,
                                      double size) {
    List<SubscriberChanged> subscribers = new ArrayList<>();
    int side = (int) Math.ceil(Math.sqrt(count));
    for (int i = 0; i < count; i++) {
      double lat = south + size * (0.5 + i / side) / (side + 1);
      double lon = west + size * (0.5 + i % side) / (side + 1);
      subscribers.add(subscriber(prefix + "-" + i, Channel.SMS,
          prefix + String.format("%04d", i), "nl", at(lat, lon)).build());
    }
    return subscribers;
  }
}
