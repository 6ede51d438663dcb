package org.tocsin.dispatcher.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.later;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.RunningDispatcher;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * Priority at the fan-out: a life-safety alert issued while a large normal-lane fan-out runs is
 * fanned out and sent before that fan-out ends, and a cancel stops the fan-out of the version it
 * cancels. The normal lane's fan-out producer is held to a broker quota so that its fan-out
 * lasts long enough to be overtaken (and stopped) whatever the machine's speed.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriorityIT {

  private static final int NATIONAL = 20_000;
  /** About a thousand 300-byte tasks a second: the national fan-out takes about 20 s. */
  private static final double NORMAL_FAN_OUT_BYTES_PER_SECOND = 300_000;
  private static final Area COUNTRY = area(List.of(rectangle(49.5, 2.5, 51.5, 6.4)), List.of(),
      List.of());
  private static final Area STREET = area(List.of(rectangle(50.840, 4.350, 50.841, 4.351)),
      List.of(), List.of());

  private RunningDispatcher dispatcher;
  private KafkaBroker broker;

  @AfterAll
  void stop() throws Exception {
    if (dispatcher != null) {
      throttleNormalFanOut(null);
      dispatcher.close();
    }
  }

  @Test
  void aLifeSafetyAlertIssuedDuringANationalTestFanOutIsSentBeforeThatFanOutEnds() {
    AlertEvent test = alert(Fixtures.newId(), AlertStatus.TEST, Severity.MINOR, COUNTRY,
        info("nl", "TEST: maandelijkse test")).build();
    dispatcher.publish(test);
    dispatcher.gateway().awaitSent(of(test, 1), 1, RunningDispatcher.WAIT);

    AlertEvent extreme = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME, STREET,
        info("nl", "Explosie: blijf binnen")).build();
    dispatcher.publish(extreme);
    dispatcher.gateway().awaitSent(of(extreme, 1), 10, RunningDispatcher.WAIT);
    Instant extremeSent = Instant.now();
    int testSentMeanwhile = dispatcher.gateway().sent(of(test, 1)).size();

    DeliveryStatus testReport = dispatcher.awaitReport(test.getAlertId(), 1);
    assertThat(testReport.getAt()).as("the test's fan-out ended after the extreme alert was sent")
        .isAfter(extremeSent);
    assertThat(testReport.getFanOut().getTargeted()).isEqualTo(NATIONAL + 10);
    assertThat(testSentMeanwhile).isLessThan(NATIONAL);
    assertThat(dispatcher.awaitReport(extreme.getAlertId(), 1).getAt()).isBefore(extremeSent);
  }

  @Test
  void aCancelStopsTheFanOutOfTheVersionItCancelsAndReachesExactlyThoseItReached() {
    AlertEvent test = alert(Fixtures.newId(), AlertStatus.TEST, Severity.MINOR, COUNTRY,
        info("nl", "TEST: maandelijkse test")).build();
    dispatcher.publish(test);
    dispatcher.gateway().awaitSent(of(test, 1), 1000, RunningDispatcher.WAIT);

    dispatcher.publish(later(test, 2, MessageType.CANCEL, COUNTRY, info("nl", "Einde test")));

    DeliveryStatus stopped = dispatcher.awaitReport(test.getAlertId(), 1);
    assertThat(stopped.getReason()).startsWith("superseded by version 2 after ");
    assertThat(stopped.getFanOut().getTargeted()).isLessThan(NATIONAL);
    dispatcher.awaitReport(test.getAlertId(), 2);
    Set<String> reached = subscribers(dispatcher.gateway().sent(of(test, 1)));
    RunningDispatcher.await("the cancel reaching everyone the test reached", () ->
        subscribers(dispatcher.gateway().sent(of(test, 2))).equals(
            subscribers(dispatcher.gateway().sent(of(test, 1)))));
    assertThat(reached).hasSizeLessThan(NATIONAL);
  }

  @BeforeAll
  void start(KafkaBroker broker) throws Exception {
    this.broker = broker;
    dispatcher = new RunningDispatcher(broker, "priority",
        "--tocsin.dispatcher.fan-out.chunk-size=1000");
    throttleNormalFanOut(NORMAL_FAN_OUT_BYTES_PER_SECOND);
    dispatcher.start();
    List<SubscriberChanged> everyone = new ArrayList<>();
    for (int i = 0; i < NATIONAL; i++) {
      everyone.add(subscriber("s-" + i, Channel.SMS, String.format("+32471%06d", i), "nl",
          at(49.6 + (i / 200) * 0.018, 2.6 + (i % 200) * 0.018)).build());
    }
    for (int i = 0; i < 10; i++) {
      everyone.add(subscriber("street-" + i, Channel.SMS, String.format("+32472%06d", i), "nl",
          at(50.8405, 4.3505)).build());
    }
    dispatcher.add(everyone);
  }

  private void throttleNormalFanOut(Double bytesPerSecond)
      throws ExecutionException, InterruptedException {
    List<ClientQuotaAlteration> alterations = new ArrayList<>();
    for (int producer = 1; producer <= 4; producer++) {
      alterations.add(new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(
          ClientQuotaEntity.CLIENT_ID, dispatcher.prefix + "-fan-out-normal-" + producer)),
          List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))));
    }
    try (Admin admin = broker.admin()) {
      admin.alterClientQuotas(alterations).all().get();
    }
  }

  private static java.util.function.Predicate<DeliveryTask> of(AlertEvent alert, int version) {
    return task -> alert.getAlertId().equals(task.getAlertId())
        && task.getAlertVersion() == version;
  }

  private static Set<String> subscribers(List<DeliveryTask> tasks) {
    return tasks.stream().map(DeliveryTask::getSubscriberId).collect(Collectors.toSet());
  }
}
