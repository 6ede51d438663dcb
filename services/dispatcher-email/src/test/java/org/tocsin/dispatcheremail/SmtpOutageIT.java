package org.tocsin.dispatcheremail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Severity;

class SmtpOutageIT extends EmailDispatcherHarness {

  @DynamicPropertySource
  static void patientRetries(DynamicPropertyRegistry registry) {
    registry.add("tocsin.dispatcher.sending.max-attempts", () -> 100);
  }

  @Test
  void everyMailArrivesOnceWhenTheRelayComesBackAfterAnOutage() throws Exception {
    List<String> addresses = List.of("a@example.be", "b@example.be", "c@example.be",
        "d@example.be");
    publishSubscribers(IntStream.range(0, addresses.size())
        .mapToObj(i -> subscriber("outage-" + i, Channel.EMAIL, addresses.get(i), "nl",
            at(50.85, 4.35 + i * 0.01)).build())
        .toList());
    awaitDirectorySize(addresses.size());
    smtp.stop();

    String alertId = UUID.randomUUID().toString();
    AlertEvent alert = alert(alertId, AlertStatus.ACTUAL, Severity.MODERATE,
        area(List.of(rectangle(50.80, 4.30, 50.90, 4.45)), List.of(), List.of()),
        EndToEndIT.info("nl", "Stroomonderbreking", "Geen stroom in de wijk.", "Blijf kalm."))
        .build();
    kafka.publish(topics.alerts(), alertId, alert);

    List<ConsumerRecord<String, DeliveryStatus>> failing = kafka.readUntil(
        topics.deliveryStatus(), all -> retriedTasks(all, alertId).size() == addresses.size(),
        Duration.ofSeconds(60));
    assertThat(failing).map(ConsumerRecord::value)
        .filteredOn(s -> alertId.equals(s.getAlertId())
            && s.getOutcome() != DeliveryOutcome.FANNED_OUT).isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
          assertThat(s.getErrorCode()).isEqualTo("connection");
        });
    assertThat(smtp.getReceivedMessages()).isEmpty();

    smtp = startSmtp();

    Map<String, DeliveryStatus> statuses =
        finalStatuses(alertId, addresses.size(), Duration.ofSeconds(60));
    assertThat(statuses.values()).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT);
      assertThat(status.getAttempt()).isGreaterThan(1);
    });
    assertThat(smtp.waitForIncomingEmail(10_000, addresses.size())).isTrue();
    assertThat(mailsByRecipient().keySet()).containsExactlyInAnyOrderElementsOf(addresses);
    assertOneMailPerRecipient();
  }

  private static Map<String, Long> retriedTasks(List<ConsumerRecord<String, DeliveryStatus>> all,
                                                String alertId) {
    return all.stream().map(ConsumerRecord::value)
        .filter(s -> alertId.equals(s.getAlertId())
            && s.getOutcome() == DeliveryOutcome.RETRYING)
        .collect(Collectors.groupingBy(DeliveryStatus::getTaskId, Collectors.counting()));
  }
}
