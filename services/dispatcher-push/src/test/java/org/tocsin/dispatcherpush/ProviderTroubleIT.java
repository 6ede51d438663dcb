package org.tocsin.dispatcherpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.push.ReceivedPush;

/** The push services misbehave: 429 with Retry-After, server errors, slow answers, refusals. */
@TestPropertySource(properties = {
    "tocsin.push.response-timeout=2s",
    "tocsin.push.default-service.max-concurrent-requests=16",
    "tocsin.dispatcher.sending.max-attempts=8"})
class ProviderTroubleIT extends PushDispatcherHarness {

  private static final PushServiceFake OTHER = PushServiceFake.start();

  @AfterAll
  static void stopOther() {
    OTHER.close();
  }

  @Test
  void aServiceAnswering429IsLeftAloneForItsRetryAfterWhileAnotherServiceGetsItsPushes() {
    OTHER.reset();
    List<SubscriberChanged> limited = grid("limited", 200, 50.0, 4.0, 0.1);
    List<SubscriberChanged> subscribers = new ArrayList<>(limited);
    FakeSubscription keys = OTHER.subscribe(VAPID.publicKey());
    for (int i = 0; i < 200; i++) {
      subscribers.add(pushSubscriber("other-" + i, OTHER.subscribeLike(keys), "nl",
          at(50.0 + 0.1 * (i + 0.5) / 200, 4.05)));
    }
    addSubscribers(subscribers);
    // Long enough for the other service's 200 pushes even on a machine loaded to a load
    // average of 30 on 2 cores, where they took about 25 s.
    Duration refusing = Duration.ofSeconds(45);
    Duration pause = Duration.ofSeconds(5);
    Instant limitEnds = Instant.now().plus(refusing);
    FAKE.rateLimitFor(refusing, pause);
    String alertId = alertOver(area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(),
        List.of()));

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 400, Duration.ofSeconds(120));

    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
    List<ReceivedPush> pushes = new ArrayList<>(to(limited, FAKE.pushes()));
    pushes.addAll(OTHER.pushes());
    assertEachReachedOnceButTimedOut(alertId, pushes, 400);
    assertThat(OTHER.pushes()).extracting(ReceivedPush::receivedAt)
        .as("the other service was not held up by the pause")
        .allSatisfy(at -> assertThat(at).isBefore(limitEnds));
    // Pauses of Retry-After within the time of refusals, each met by at most the 16 requests
    // the service may have in flight, and 16 more when the last pause ends.
    long pauses = refusing.dividedBy(pause);
    assertThat(FAKE.answered(429)).as("at most the requests in flight when each pause began")
        .isPositive().isLessThanOrEqualTo((pauses + 1) * 16);
    assertThat(to(limited, FAKE.pushes())).extracting(ReceivedPush::receivedAt)
        .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(limitEnds.minusMillis(100)));
  }

  @Test
  void serverErrorBurstsAreRetriedUntilEveryPushArrivesOnce() {
    FAKE.failureRate(0.2);
    List<SubscriberChanged> subscribers = grid("errors", 150, 50.2, 4.0, 0.1);
    String alertId = alertTo(subscribers, 50.2);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 150, Duration.ofSeconds(90));

    assertThat(FAKE.answered(503)).isPositive();
    assertEachReachedOnceButTimedOut(alertId, to(subscribers, FAKE.pushes()), 150);
    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
    assertThat(statuses.values()).anySatisfy(
        status -> assertThat(status.getAttempt()).isGreaterThan(1));
  }

  @Test
  void timedOutRequestsAreRetriedNoTaskIsLostAndOnlyThoseCanArriveTwice() {
    FAKE.latency(Duration.ofMillis(3000));
    List<SubscriberChanged> subscribers = grid("slow", 40, 50.4, 4.0, 0.1);
    String alertId = alertTo(subscribers, 50.4);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (FAKE.requestCount() < 20 && System.nanoTime() < deadline) {
      pause(20);
    }
    FAKE.latency(Duration.ZERO);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 40, Duration.ofSeconds(90));
    long timedOut = kafka.readAll(topics.deliveryStatus()).stream().map(ConsumerRecord::value)
        .filter(s -> alertId.equals(s.getAlertId()) && s.getOutcome() == DeliveryOutcome.RETRYING)
        .count();

    assertThat(timedOut).isPositive();
    // Let the requests still held by the slow service (its latency: 3 s) answer, then count.
    pause(3500);
    List<ReceivedPush> pushes = to(subscribers, FAKE.pushes());
    assertThat(pushes.stream().map(ReceivedPush::subscriptionId).distinct()).hasSize(40);
    assertThat(pushes.size() - 40L).as("second copies").isLessThanOrEqualTo(timedOut);
    assertThat(statuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
  }

  @Test
  void aPayloadTooLargeForItsServiceEndsFailedWithoutARetry() {
    List<SubscriberChanged> subscribers = grid("large", 3, 50.6, 4.0, 0.1);
    addSubscribers(subscribers);
    FAKE.answer(FAKE.subscriptionAt(subscribers.getFirst().getContacts().getFirst()
        .getAddress()), 413);
    String alertId = alertOver(area(List.of(rectangle(50.6, 4.0, 50.7, 4.1)), List.of(),
        List.of()));

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 3, Duration.ofSeconds(60));

    assertThat(FAKE.requestCount()).isEqualTo(3);
    assertThat(statuses.values()).filteredOn(s -> s.getOutcome() == DeliveryOutcome.FAILED)
        .singleElement().satisfies(s -> {
          assertThat(s.getErrorCode()).isEqualTo("push-413");
          assertThat(s.getAttempt()).isOne();
        });
  }

  @Test
  void aTaskWhoseAttemptsRanOutIsParkedOnTheDeadLetterTopicAndEndsFailed() {
    FAKE.failureRate(1.0);
    String alertId = alertTo(grid("dead", 2, 50.8, 4.0, 0.1), 50.8);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 2, Duration.ofSeconds(60));
    List<ConsumerRecord<String, DeliveryTask>> parked = kafka.readUntil(
        topics.deadLetters(Channel.PUSH), records -> records.stream()
            .filter(r -> alertId.equals(r.value().getAlertId())).count() == 2,
        Duration.ofSeconds(30));

    assertThat(FAKE.requestCount()).isEqualTo(16);
    assertThat(statuses.values()).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
      assertThat(status.getAttempt()).isEqualTo(8);
      assertThat(status.getReason()).startsWith("dead-lettered after 8 attempts");
    });
    assertThat(parked).filteredOn(r -> alertId.equals(r.value().getAlertId())).hasSize(2);
  }

  /** The pushes to these subscribers (a slow push of an earlier test may still arrive). */
  private static List<ReceivedPush> to(List<SubscriberChanged> subscribers,
                                       List<ReceivedPush> pushes) {
    Set<String> ids = subscribers.stream().map(s -> s.getContacts().getFirst().getAddress())
        .map(endpoint -> endpoint.substring(endpoint.lastIndexOf('/') + 1))
        .collect(Collectors.toSet());
    return pushes.stream().filter(push -> ids.contains(push.subscriptionId())).toList();
  }

  /**
   * Every subscription got the alert, and a second copy only where a request timed out (the
   * push service may have taken the first one after we stopped waiting): at least once, and
   * duplicates bounded by the timeouts, however loaded the machine is.
   */
  private void assertEachReachedOnceButTimedOut(String alertId, List<ReceivedPush> pushes,
                                                int subscriptions) {
    long timedOut = kafka.readAll(topics.deliveryStatus()).stream().map(ConsumerRecord::value)
        .filter(s -> alertId.equals(s.getAlertId()) && s.getOutcome() == DeliveryOutcome.RETRYING
            && "push-timeout".equals(s.getErrorCode()))
        .count();
    assertThat(pushes.stream().map(ReceivedPush::subscriptionId).distinct())
        .hasSize(subscriptions);
    assertThat(pushes.size() - (long) subscriptions).as("second copies")
        .isLessThanOrEqualTo(timedOut);
  }

  private String alertTo(List<SubscriberChanged> subscribers, double south) {
    addSubscribers(subscribers);
    return alertOver(area(List.of(rectangle(south, 4.0, south + 0.1, 4.1)), List.of(),
        List.of()));
  }

  private String alertOver(Area area) {
    String alertId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        area, info("nl", "Storm: blijf binnen")).build());
    return alertId;
  }
}
