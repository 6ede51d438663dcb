package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.twilio.SentSms;

/**
 * The provider misbehaves: rate limits, server errors, slow answers, refusals.
 *
 * <p>Only a request whose answer never came within the response timeout may deliver a second
 * copy (Twilio has no idempotency key). The timeout is set far above the fake's answer time so
 * that only the test that slows the fake down on purpose, past that timeout, sees any: a loaded
 * machine must not turn the other tests' single copies into timed-out ones.
 */
@TestPropertySource(properties = {
    "tocsin.sms.primary.messages-per-second=0",
    "tocsin.sms.primary.response-timeout=5s",
    "tocsin.dispatcher.sending.max-attempts=8"})
class ProviderTroubleIT extends SmsDispatcherHarness {

  @Value("${tocsin.sms.primary.response-timeout}")
  private Duration responseTimeout;

  @Test
  void everyMessageArrivesOnceWhenTheProviderAnswers429AboveItsRate() {
    FAKE.rateLimitPerSecond(150);
    String alertId = alertTo("+3247400", 600, 50.0);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 600, Duration.ofSeconds(90));

    assertThat(FAKE.rateLimitedCount()).isPositive();
    assertThat(byRecipient(FAKE.messages())).hasSize(600);
    assertOnePerRecipient(FAKE.messages());
    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
  }

  @Test
  void serverErrorBurstsAreRetriedUntilEveryMessageArrivesOnce() {
    FAKE.failureRate(0.2);
    String alertId = alertTo("+3247401", 300, 50.2);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 300, Duration.ofSeconds(90));

    assertThat(FAKE.failedCount()).isPositive();
    assertThat(byRecipient(FAKE.messages())).hasSize(300);
    assertOnePerRecipient(FAKE.messages());
    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
    assertThat(statuses.values()).anySatisfy(
        status -> assertThat(status.getAttempt()).isGreaterThan(1));
  }

  @Test
  void timedOutRequestsAreRetriedNoTaskIsLostAndOnlyThoseCanArriveTwice() throws Exception {
    FAKE.latency(responseTimeout.plusMillis(500));
    String alertId = alertTo("+3247402", 60, 50.4);
    long deadline = System.nanoTime() + responseTimeout.multipliedBy(6).toNanos();
    while (FAKE.requestCount() < 40 && System.nanoTime() < deadline) {
      pause(20);
    }
    FAKE.latency(Duration.ZERO);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 60, Duration.ofSeconds(90));
    long timedOut = kafka.readAll(topics.deliveryStatus()).stream().map(ConsumerRecord::value)
        .filter(s -> alertId.equals(s.getAlertId()) && s.getOutcome() == DeliveryOutcome.RETRYING)
        .count();
    List<SentSms> messages = FAKE.messages();

    assertThat(timedOut).isPositive();
    assertThat(byRecipient(messages)).hasSize(60);
    assertThat(messages.size() - 60L).as("second copies").isLessThanOrEqualTo(timedOut);
    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
  }

  @Test
  void permanentRefusalsEndAsFailedWithoutARetry() {
    FAKE.refuseNumber("+32474030000", 21610);
    FAKE.refuseNumber("+32474030001", 21614);
    FAKE.refuseNumber("+32474030002", 21211);
    String alertId = alertTo("+3247403", 5, 50.6);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 5, Duration.ofSeconds(60));

    assertThat(FAKE.refusedCount()).isEqualTo(3);
    assertThat(FAKE.requestCount()).isEqualTo(5);
    assertThat(statuses.values()).filteredOn(s -> s.getOutcome() == DeliveryOutcome.FAILED)
        .extracting(DeliveryStatus::getErrorCode)
        .containsExactlyInAnyOrder("21610", "21614", "21211");
    assertThat(statuses.values()).filteredOn(s -> s.getOutcome() == DeliveryOutcome.FAILED)
        .allSatisfy(s -> assertThat(s.getAttempt()).isEqualTo(1));
  }

  @Test
  void aTaskWhoseAttemptsRanOutIsParkedOnTheDeadLetterTopicAndEndsFailed() {
    FAKE.failureRate(1.0);
    String alertId = alertTo("+3247404", 2, 50.8);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 2, Duration.ofSeconds(60));
    List<ConsumerRecord<String, DeliveryTask>> parked = kafka.readUntil(
        topics.deadLetters(Channel.SMS), records -> records.stream()
            .filter(r -> alertId.equals(r.value().getAlertId())).count() == 2,
        Duration.ofSeconds(30));

    assertThat(FAKE.requestCount()).isEqualTo(16);
    assertThat(statuses.values()).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
      assertThat(status.getAttempt()).isEqualTo(8);
      assertThat(status.getReason()).startsWith("dead-lettered after 8 attempts");
    });
    assertThat(parked).filteredOn(r -> alertId.equals(r.value().getAlertId()))
        .allSatisfy(r -> assertThat(r.headers().lastHeader("kafka_dlt-exception-message"))
            .isNotNull());
  }

  /** Publishes {@code count} subscribers in a band at {@code south} and an alert over them. */
  private String alertTo(String prefix, int count, double south) {
    addSubscribers(LargeSendIT.grid(prefix, count, south, 4.0, 0.1));
    Area band = area(List.of(rectangle(south, 4.0, south + 0.1, 4.1)), List.of(), List.of());
    String alertId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        band, info("nl", "Storm: blijf binnen")).build());
    return alertId;
  }
}
