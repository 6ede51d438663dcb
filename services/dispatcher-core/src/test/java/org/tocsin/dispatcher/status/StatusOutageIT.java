package org.tocsin.dispatcher.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.RunningDispatcher.WAIT;
import static org.tocsin.dispatcher.RunningDispatcher.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcher.app.RecordingGateway;
import org.tocsin.dispatcher.app.TestDispatcher;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.kafka.InProcessKafkaCluster;

/**
 * The delivery-status topic is off the alert's path: on a two-broker cluster whose node 2 alone
 * holds that topic, node 2 is stopped during a 10,000-task send and kept down for 60 s. The
 * tasks are produced and sent all the same, each exactly once, and every status (and the
 * fan-out report) is on the topic once node 2 is back.
 */
class StatusOutageIT {

  private static final int TASKS = 10_000;
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  private InProcessKafkaCluster cluster;
  private ConfigurableApplicationContext dispatcher;
  private TopicClient kafka;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyTaskIsSentOnceDuringAStatusTopicOutageAndEveryStatusArrivesAfterIt()
      throws Exception {
    cluster = InProcessKafkaCluster.start();
    String prefix = "status-outage-" + Long.toHexString(System.nanoTime());
    Topics topics = TestDispatcher.topics(prefix);
    createTopics(topics);
    kafka = new TopicClient(cluster.bootstrapServers());
    for (int i = 0; i < TASKS; i++) {
      kafka.send(topics.subscriptions(), "s-" + i, subscriber("s-" + i, Channel.SMS,
          String.format("+32474%06d", i), "nl", at(50.0 + (i / 100) * 0.001,
              4.0 + (i % 100) * 0.001)).build());
    }
    kafka.flush();
    dispatcher = TestDispatcher.start(cluster, prefix, topics,
        "--tocsin.dispatcher.sending.status-buffer=" + 2 * TASKS);
    RecordingGateway gateway = dispatcher.getBean(RecordingGateway.class);
    await("the directory", () -> dispatcher.getBean(SubscriberDirectory.class).size() == TASKS
        && dispatcher.getBean(SendingLoop.class).isSending());

    AlertEvent alert = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME,
        area(List.of(rectangle(49.9, 3.9, 50.2, 4.2)), List.of(), List.of()),
        info("nl", "Stroompanne: blijf thuis")).build();
    kafka.publish(topics.alerts(), alert.getAlertId(), alert);
    gateway.awaitSent(task -> true, 1000, WAIT);

    cluster.stop(2);
    long down = System.nanoTime();
    int sentBefore = gateway.sent().size();
    assertWritesFailOnlyOn(topics.deliveryStatus().name(), topics.alerts().name());

    gateway.awaitSent(task -> true, TASKS, WAIT);
    assertThat(Duration.ofNanos(System.nanoTime() - down)).as("all sent while node 2 is down")
        .isLessThan(OUTAGE);
    assertThat(TASKS - sentBefore).as("sent during the outage").isPositive();
    assertThat(dispatcher.getBean(StatusOutbox.class).waiting()).isPositive();

    Thread.sleep(Math.max(0, OUTAGE.minusNanos(System.nanoTime() - down).toMillis()));
    cluster.restart(2);

    List<ConsumerRecord<String, DeliveryStatus>> statuses = kafka.readUntil(
        topics.deliveryStatus(), records -> sent(records, alert).size() == TASKS
            && report(records, alert), WAIT);
    List<DeliveryTask> messages = gateway.sent();
    Map<String, Long> perPerson = messages.stream().collect(Collectors.groupingBy(
        DeliveryTask::getSubscriberId, Collectors.counting()));
    assertThat(messages).hasSize(TASKS);
    assertThat(perPerson).hasSize(TASKS).allSatisfy((id, count) -> assertThat(count)
        .isEqualTo(1));
    assertThat(sent(statuses, alert)).hasSize(TASKS);
    await("the status outbox empty", () -> dispatcher.getBean(StatusOutbox.class).waiting()
        == 0);
  }

  /** Node 2's topic refuses writes (acks=all) while a topic on node 1 takes them. */
  private void assertWritesFailOnlyOn(String unavailable, String available) throws Exception {
    try (KafkaProducer<byte[], byte[]> probe = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000,
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThatThrownBy(() -> probe.send(new ProducerRecord<>(unavailable, new byte[] {1}))
          .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
      assertThat(probe.send(new ProducerRecord<>(available, "probe".getBytes(), null))
          .get(10, TimeUnit.SECONDS).offset()).isNotNegative();
    }
  }

  private void createTopics(Topics topics) {
    List<NewTopic> definitions = new ArrayList<>();
    for (Topic<String, ?> topic : topics.forChannel(Channel.SMS)) {
      int node = topic.name().equals(topics.deliveryStatus().name()) ? 2 : 1;
      definitions.add(InProcessKafkaCluster.onNode(topic.name(), 3, node,
          topic.newTopic(3, (short) 1).configs()));
    }
    definitions.add(InProcessKafkaCluster.onNode(topics.quarantine().name(), 3, 1, Map.of()));
    definitions.add(InProcessKafkaCluster.onNode(topics.instanceLeases().name(), 1, 1,
        Map.of()));
    cluster.createTopics(definitions);
  }

  private static Set<String> sent(List<ConsumerRecord<String, DeliveryStatus>> records,
                                  AlertEvent alert) {
    return records.stream().map(ConsumerRecord::value)
        .filter(s -> alert.getAlertId().equals(s.getAlertId())
            && s.getOutcome() == DeliveryOutcome.SENT)
        .map(DeliveryStatus::getTaskId).collect(Collectors.toSet());
  }

  private static boolean report(List<ConsumerRecord<String, DeliveryStatus>> records,
                                AlertEvent alert) {
    return records.stream().map(ConsumerRecord::value).anyMatch(s ->
        s.getOutcome() == DeliveryOutcome.FANNED_OUT && alert.getAlertId().equals(s.getAlertId())
            && s.getFanOut().getTargeted() == TASKS);
  }
}
