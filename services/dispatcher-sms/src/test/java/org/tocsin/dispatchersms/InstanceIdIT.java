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
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Severity;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;
import org.tocsin.testing.twilio.SentSms;
import org.tocsin.testing.twilio.TwilioFake;

/**
 * Two real dispatcher-sms processes with the same instance id. The second refuses to become
 * ready and says why while the first lives; the first keeps sending, also after the second was
 * killed; when the first is killed with SIGKILL, the second takes over once the lease expired.
 * Every alert reaches every recipient exactly once throughout.
 */
@ExtendWith(RealInfrastructure.class)
class InstanceIdIT {

  private static final Logger log = LoggerFactory.getLogger(InstanceIdIT.class);
  private static final int SUBSCRIBERS = 50;
  private static final Duration LEASE = Duration.ofSeconds(6);
  /** A JVM start on a loaded machine, the directory restore and the first rebalances. */
  private static final Duration START = Duration.ofMinutes(3);
  /**
   * A lease passes within its session timeout after the holder's last heartbeat, then a
   * rebalance; sending starts once the lane consumers joined (a request each).
   */
  private static final Duration TAKE_OVER = LEASE.multipliedBy(2)
      .plus(ClientTimeouts.defaults().request().multipliedBy(2));
  /** Fan-out and sending of 50 messages, each status written within a delivery timeout. */
  private static final Duration DELIVERY = ClientTimeouts.defaults().delivery().multipliedBy(2);

  private final TwilioFake fake = TwilioFake.start();
  private final String prefix = "same-id-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(prefix + ".alerts",
      prefix + ".subscriptions", prefix + ".deliveries.{channel}.{lane}",
      prefix + ".deliveries.{channel}.dead", prefix + ".delivery-status", prefix + ".zones",
      prefix + ".contacts-gone", prefix + ".quarantine", prefix + ".instance-leases"));
  private final List<DispatcherProcess> processes = new ArrayList<>();
  private int starts;

  @AfterEach
  void stop() {
    processes.forEach(DispatcherProcess::close);
    fake.close();
  }

  @Test
  void aSecondProcessWithALiveOnesIdWaitsSayingWhyAndTakesOverOnlyWhenTheFirstDied(
      KafkaBroker broker) throws Exception {
    List<NewTopic> definitions = new ArrayList<>();
    for (Topic<String, ?> topic : topics.forChannel(Channel.SMS)) {
      definitions.add(topic.newTopic(3, (short) 1));
    }
    definitions.add(topics.quarantine().newTopic(3, (short) 1));
    definitions.add(topics.instanceLeases().newTopic(1, (short) 1));
    broker.createTopics(definitions);
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers())) {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        kafka.send(topics.subscriptions(), "s-" + i, subscriber("s-" + i, Channel.SMS,
            String.format("+32485%06d", i), "nl", at(50.5 + i * 0.001, 4.5)).build());
      }
      kafka.flush();

      DispatcherProcess first = start(broker);
      awaitReadiness(first, 200, START);

      DispatcherProcess second = start(broker);
      awaitBody(second, "is held by a live process", START);
      assertThat(second.readiness().status()).as("the second is not ready").isEqualTo(503);
      assertThat(second.logText()).contains("Not ready: instance id " + prefix
          + " is held by a live process");

      alertReachesEveryoneOnce(kafka, "first");
      assertThat(second.readiness().status()).isEqualTo(503);
      assertThat(first.readiness().status()).isEqualTo(200);

      second.kill();
      alertReachesEveryoneOnce(kafka, "second");
      assertThat(first.readiness().status()).as("the survivor was never fenced")
          .isEqualTo(200);

      DispatcherProcess third = start(broker);
      awaitBody(third, "is held by a live process", START);
      long killed = System.nanoTime();
      first.kill();
      awaitReadiness(third, 200, TAKE_OVER);
      Duration takeOver = Duration.ofNanos(System.nanoTime() - killed);
      log.info("The waiting process was ready {} ms after the holder was killed",
          takeOver.toMillis());
      assertThat(takeOver).as("not before the dead holder's lease expired")
          .isGreaterThanOrEqualTo(LEASE.minus(LEASE.dividedBy(5)));

      alertReachesEveryoneOnce(kafka, "third");
    }
  }

  private DispatcherProcess start(KafkaBroker broker) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.application.name=same-id-dispatcher",
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--tocsin.dispatcher.instance-id=" + prefix,
        "--tocsin.dispatcher.lease.session-timeout=" + LEASE.toSeconds() + "s",
        "--tocsin.dispatcher.topic-partitions=3",
        "--tocsin.sms.primary.account-sid=" + fake.accountSid(),
        "--tocsin.sms.primary.auth-token=" + fake.authToken(),
        "--tocsin.sms.primary.from=Tocsin",
        "--tocsin.sms.primary.api-base-url=" + fake.baseUrl(),
        "--tocsin.sms.primary.messages-per-second=0"));
    Map<String, String> names = Map.of("alerts", topics.alerts().name(),
        "subscriptions", topics.subscriptions().name(),
        "deliveries", topics.names().deliveries(),
        "dead-letters", topics.names().deadLetters(),
        "delivery-status", topics.deliveryStatus().name(),
        "quarantine", topics.quarantine().name(),
        "instance-leases", topics.instanceLeases().name());
    names.forEach((name, value) -> arguments.add("--tocsin.topics." + name + "=" + value));
    DispatcherProcess process = DispatcherProcess.start("same-id-dispatcher-" + (++starts),
        arguments);
    processes.add(process);
    return process;
  }

  /** Issues an alert and checks that each subscriber got exactly one SMS of it. */
  private void alertReachesEveryoneOnce(TopicClient kafka, String name) throws Exception {
    String alertId = UUID.randomUUID().toString();
    String text = "Alert " + name + ": stay inside";
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.EXTREME,
        area(List.of(rectangle(50.4, 4.4, 50.6, 4.6)), List.of(), List.of()),
        info("nl", text)).build());
    // Every task ended (its status stored): nothing of this alert is sent after that.
    kafka.readUntil(topics.deliveryStatus(), records -> records.stream()
        .map(record -> record.value())
        .filter(status -> alertId.equals(status.getAlertId()))
        .filter(status -> status.getOutcome() == DeliveryOutcome.SENT)
        .map(DeliveryStatus::getTaskId).distinct().count() == SUBSCRIBERS, DELIVERY);
    List<SentSms> sent = fake.messages().stream()
        .filter(message -> message.body().contains(text)).toList();
    assertThat(sent).as("one SMS of alert " + name + " per subscriber").hasSize(SUBSCRIBERS);
    assertThat(sent.stream().map(SentSms::to).distinct().count()).isEqualTo(SUBSCRIBERS);
  }

  private static void awaitReadiness(DispatcherProcess process, int status, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.readiness().status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Readiness not " + status + " within " + timeout + ": "
            + process.readiness().body());
      }
      Thread.sleep(100);
    }
  }

  private static void awaitBody(DispatcherProcess process, String text, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!process.readiness().body().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Readiness never said \"" + text + "\" within " + timeout
            + ": " + process.readiness().body());
      }
      Thread.sleep(100);
    }
  }
}
