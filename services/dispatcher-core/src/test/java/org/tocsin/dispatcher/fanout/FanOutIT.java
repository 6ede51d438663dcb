package org.tocsin.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcher.app.RecordingGateway;
import org.tocsin.dispatcher.app.TestDispatcherApplication;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

@ExtendWith(RealInfrastructure.class)
class FanOutIT {

  private final String prefix = "fanout-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(prefix + ".alerts",
      prefix + ".subscriptions", prefix + ".deliveries.{channel}.{lane}",
      prefix + ".deliveries.{channel}.dead", prefix + ".delivery-status", prefix + ".zones",
      prefix + ".contacts-gone",
      prefix + ".quarantine", prefix + ".instance-leases"));
  /** Everything here is one producer's failure bound from happening, after a poll. */
  private static final Duration WAIT = ClientTimeouts.defaults().producerFailureBound()
      .multipliedBy(2);
  private ConfigurableApplicationContext dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void anInterruptedFanOutResumesAfterTheLastRecipientItCommittedAndWritesNoOneTwice(
      KafkaBroker broker) throws Exception {
    Area area = area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(), List.of());
    List<String> ids = new ArrayList<>();
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers())) {
      broker.createTopics(topics.forChannel(Channel.SMS).stream()
          .map(topic -> topic.newTopic(1, (short) 1)).toList());
      for (int i = 0; i < 500; i++) {
        SubscriberChanged subscriber = subscriber("s-" + i, Channel.SMS,
            String.format("+3247700%04d", i), "nl", at(50.05, 4.05)).build();
        ids.add(subscriber.getSubscriberId());
        kafka.send(topics.subscriptions(), subscriber.getSubscriberId(), subscriber);
      }
      kafka.flush();
      AlertEvent alert = alert("resumed-alert", AlertStatus.TEST, Severity.MINOR, area,
          info("nl", "TEST")).build();
      kafka.publish(topics.alerts(), alert.getAlertId(), alert);

      // As if a crashed instance had committed the first 200 recipients in its order.
      Collections.sort(ids, Recipients.ORDER);
      commitMarker(broker, ResumeMarker.of("resumed-alert", 1, ids.get(199)));

      dispatcher = start(broker);
      List<ConsumerRecord<String, DeliveryStatus>> statuses = kafka.readUntil(
          topics.deliveryStatus(), records -> records.stream().anyMatch(
              r -> r.value().getOutcome() == DeliveryOutcome.FANNED_OUT),
          Duration.ofSeconds(60));
      List<DeliveryTask> tasks = kafka.readAll(topics.deliveries(Channel.SMS, Lane.NORMAL))
          .stream().map(ConsumerRecord::value).toList();

      assertThat(tasks).extracting(DeliveryTask::getSubscriberId)
          .containsExactlyInAnyOrderElementsOf(ids.subList(200, 500));
      assertThat(statuses).map(ConsumerRecord::value)
          .filteredOn(s -> s.getOutcome() == DeliveryOutcome.FANNED_OUT).singleElement()
          .satisfies(report -> assertThat(report.getFanOut().getTargeted()).isEqualTo(500));
    }
  }

  @Test
  void anUpdateGoesToThoseTheFirstVersionReachedAndToItsNewAreaWithDeterministicTaskIds(
      KafkaBroker broker) {
    Area first = area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(), List.of());
    Area moved = area(List.of(rectangle(50.2, 4.0, 50.3, 4.1)), List.of(), List.of());
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers())) {
      broker.createTopics(topics.forChannel(Channel.SMS).stream()
          .map(topic -> topic.newTopic(3, (short) 1)).toList());
      kafka.send(topics.subscriptions(), "in-first", subscriber("in-first", Channel.SMS,
          "+32477100001", "nl", at(50.05, 4.05)).build());
      kafka.send(topics.subscriptions(), "in-moved", subscriber("in-moved", Channel.SMS,
          "+32477100002", "nl", at(50.25, 4.05)).build());
      kafka.send(topics.subscriptions(), "elsewhere", subscriber("elsewhere", Channel.SMS,
          "+32477100003", "nl", at(50.45, 4.05)).build());
      kafka.flush();
      dispatcher = start(broker);
      RecordingGateway gateway = dispatcher.getBean(RecordingGateway.class);

      AlertEvent original = alert("moving-fire", AlertStatus.ACTUAL, Severity.EXTREME, first,
          info("nl", "Brand")).build();
      AlertEvent update = AlertEvent.newBuilder(original).setVersion(2)
          .setIdentifier("moving-fire-2").setMsgType(MessageType.UPDATE).setArea(moved)
          .setPreviousArea(first).build();
      kafka.publish(topics.alerts(), "moving-fire", original);
      gateway.awaitSent(task -> task.getAlertVersion() == 1, 1, WAIT);
      kafka.publish(topics.alerts(), "moving-fire", update);

      kafka.readUntil(topics.deliveryStatus(), records -> records.stream()
          .filter(r -> r.value().getOutcome() == DeliveryOutcome.FANNED_OUT).count() == 2,
          WAIT);
      gateway.awaitSent(task -> task.getAlertVersion() == 2, 2, WAIT);
      List<ConsumerRecord<String, DeliveryTask>> tasks =
          kafka.readAll(topics.deliveries(Channel.SMS, Lane.HIGH));

      Map<Integer, Set<String>> byVersion = tasks.stream().map(ConsumerRecord::value)
          .collect(Collectors.groupingBy(DeliveryTask::getAlertVersion,
              Collectors.mapping(DeliveryTask::getSubscriberId, Collectors.toSet())));
      assertThat(byVersion).containsExactlyInAnyOrderEntriesOf(Map.of(
          1, Set.of("in-first"), 2, Set.of("in-first", "in-moved")));
      assertThat(tasks).allSatisfy(record -> {
        assertThat(record.key()).isEqualTo(record.value().getRecipient());
        assertThat(record.value().getTaskId()).isEqualTo(TaskIds.forAlert("moving-fire",
            record.value().getAlertVersion(), record.value().getSubscriberId(), Channel.SMS));
      });
    }
  }

  private ConfigurableApplicationContext start(KafkaBroker broker) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.main.web-application-type=none",
        "--spring.application.name=" + prefix,
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--tocsin.dispatcher.instance-id=" + prefix,
        "--tocsin.dispatcher.fan-out.chunk-size=50"));
    Map.of("alerts", topics.alerts().name(), "subscriptions", topics.subscriptions().name(),
            "deliveries", topics.names().deliveries(), "dead-letters",
            topics.names().deadLetters(), "delivery-status", topics.deliveryStatus().name(),
            "zones", topics.zones().name(), "quarantine", topics.quarantine().name(),
            "instance-leases", topics.instanceLeases().name())
        .forEach((name, value) -> arguments.add("--tocsin.topics." + name + "=" + value));
    return new SpringApplicationBuilder(TestDispatcherApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  private void commitMarker(KafkaBroker broker, String marker) {
    Topic<String, AlertEvent> alerts = topics.alerts();
    try (KafkaConsumer<String, String> group = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, prefix + "-fan-out-normal"),
        new StringDeserializer(), new StringDeserializer())) {
      group.commitSync(Map.of(new TopicPartition(alerts.name(), 0),
          new OffsetAndMetadata(0, marker)));
    }
  }
}
