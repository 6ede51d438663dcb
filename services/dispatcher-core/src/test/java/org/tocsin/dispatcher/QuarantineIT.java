package org.tocsin.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.garbage;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.Fixtures.withUnknownFingerprint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.app.RecordingGateway;
import org.tocsin.dispatcher.app.TestDispatcher;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantineReason;
import org.tocsin.kafka.quarantine.QuarantinedRecord;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * Garbage and records of a newer producer (an unknown schema fingerprint) on every topic a
 * dispatcher reads: each is quarantined with its origin by the consumer that read it, that
 * consumer goes on, and the next alert still reaches everyone.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineIT {

  /** A record reaches the quarantine within its producer's failure bound, after a poll. */
  private static final Duration WAIT = ClientTimeouts.defaults().producerFailureBound()
      .multipliedBy(2);
  private static final Area AREA = area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(),
      List.of());

  private final String prefix = "quarantine-" + Long.toHexString(System.nanoTime());
  private final Topics topics = TestDispatcher.topics(prefix);
  private final Set<String> everyone = ConcurrentHashMap.newKeySet();
  private ConfigurableApplicationContext dispatcher;
  private TopicClient kafka;
  private RecordingGateway gateway;
  private int subscribers;
  private KafkaBroker broker;

  @BeforeAll
  void start(KafkaBroker broker) {
    this.broker = broker;
    TestDispatcher.createTopics(broker, topics);
    kafka = new TopicClient(broker.bootstrapServers());
    for (int i = 0; i < 3; i++) {
      publishSubscriber();
    }
    kafka.flush();
    dispatcher = TestDispatcher.start(broker, prefix, topics);
    gateway = dispatcher.getBean(RecordingGateway.class);
    awaitDirectory(3);
  }

  @AfterAll
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theDirectoryQuarantinesWhatItCannotReadOnTheSubscriptionsTopicAndGoesOn() {
    SubscriberChanged template = subscriber("template", Channel.SMS, "+32470000000", "nl",
        at(50.05, 4.05)).build();
    byte[] newer = withUnknownFingerprint(encode(template));
    kafka.sendRaw(topics.subscriptions().name(), bytes("bad-subscriber"), garbage());
    kafka.sendRaw(topics.subscriptions().name(), bytes("newer-subscriber"), newer);
    publishSubscriber();
    kafka.flush();

    awaitDirectory(subscribers);
    assertQuarantined(topics.subscriptions().name(), prefix + "-directory",
        "bad-subscriber", garbage(), "newer-subscriber", newer);
    assertNextAlertReachesEveryone();
  }

  @Test
  void theAlertFollowerAndTheFanOutQuarantineWhatTheyCannotReadOnTheAlertsTopicAndGoOn() {
    byte[] newer = withUnknownFingerprint(encode(alert("newer", AlertStatus.ACTUAL,
        Severity.EXTREME, AREA, info("nl", "Nieuwer")).build()));
    kafka.sendRaw(topics.alerts().name(), bytes("bad-alert"), garbage());
    kafka.sendRaw(topics.alerts().name(), bytes("newer-alert"), newer);
    kafka.flush();

    assertQuarantined(topics.alerts().name(), prefix + "-alerts", "bad-alert", garbage(),
        "newer-alert", newer);
    assertQuarantined(topics.alerts().name(), prefix + "-fan-out-high", "bad-alert", garbage(),
        "newer-alert", newer);
    assertQuarantined(topics.alerts().name(), prefix + "-fan-out-normal", "bad-alert",
        garbage(), "newer-alert", newer);
    assertNextAlertReachesEveryone();
  }

  @Test
  void theLedgerQuarantinesWhatItCannotReadOnTheDeliveryStatusTopicAndGoesOn()
      throws Exception {
    byte[] newer = withUnknownFingerprint(encode(alert("status", AlertStatus.ACTUAL,
        Severity.EXTREME, AREA, info("nl", "Status")).build()));
    kafka.sendRaw(topics.deliveryStatus().name(), bytes("bad-status"), garbage());
    kafka.sendRaw(topics.deliveryStatus().name(), bytes("newer-status"), newer);
    kafka.flush();

    assertQuarantined(topics.deliveryStatus().name(), prefix + "-ledger", "bad-status",
        garbage(), "newer-status", newer);
    @SuppressWarnings("unchecked")
    TopicFollower<?> ledger = dispatcher.getBean("ledgerFollower", TopicFollower.class);
    ledger.awaitEverythingCommittedNow(WAIT);
    assertNextAlertReachesEveryone();
  }

  @Test
  void aLaneConsumerQuarantinesATaskItCannotReadAndSendsTheNextOnes() {
    String lane = topics.deliveries(Channel.SMS, Lane.HIGH).name();
    byte[] newer = withUnknownFingerprint(encode(alert("task", AlertStatus.ACTUAL,
        Severity.EXTREME, AREA, info("nl", "Taak")).build()));
    kafka.sendRaw(lane, bytes("+32470999001"), garbage());
    kafka.sendRaw(lane, bytes("+32470999002"), newer);
    kafka.flush();

    assertQuarantined(lane, prefix + "-send-high", "+32470999001", garbage(), "+32470999002",
        newer);
    assertNextAlertReachesEveryone();
    assertCommittedToTheEnd(prefix + "-send-high", lane);
  }

  /**
   * The group's offsets moved past every record of the topic, the quarantined ones included (to
   * the offset after each partition's last record; a transaction marker may follow it).
   */
  private void assertCommittedToTheEnd(String group, String topic) {
    Map<Integer, Long> lastRecords = new java.util.HashMap<>();
    kafka.readAll(new org.tocsin.events.topics.Topic<>(topic,
            org.apache.kafka.common.serialization.Serdes.ByteArray(),
            org.apache.kafka.common.serialization.Serdes.ByteArray(), Map.of()))
        .forEach(record -> lastRecords.merge(record.partition(), record.offset() + 1,
            Math::max));
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
        "bootstrap.servers", broker.bootstrapServers()))) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
            .get();
        long behind = 0;
        for (var last : lastRecords.entrySet()) {
          var offset = committed.get(new org.apache.kafka.common.TopicPartition(topic,
              last.getKey()));
          behind += last.getValue() - (offset == null ? 0 : offset.offset());
        }
        if (behind <= 0) {
          return;
        }
        assertThat(System.nanoTime()).as(group + " committed past every record of " + topic
            + " (" + behind + " behind)").isLessThan(deadline);
        pause();
      }
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void quarantinedRecordsShowInTheHealthDetailsAndLeaveReadinessUp() {
    kafka.sendRaw(topics.subscriptions().name(), bytes("health-check"), garbage());
    kafka.flush();
    kafka.readUntil(topics.quarantine(), records -> records.stream()
        .anyMatch(record -> new String(record.key(), StandardCharsets.UTF_8)
            .equals("health-check")), WAIT);

    Quarantine quarantine = dispatcher.getBean(Quarantine.class);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (quarantine.recent().stream().noneMatch(r -> r.sourceTopic()
        .equals(topics.subscriptions().name())) && System.nanoTime() < deadline) {
      pause();
    }
    var health = dispatcher.getBean("quarantineHealthIndicator", HealthIndicator.class)
        .health(true);
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat((Long) health.getDetails().get("quarantined")).isPositive();
    assertThat(health.getDetails().toString()).contains(topics.subscriptions().name())
        .doesNotContain("not avro");
    assertThat(dispatcher.getBean("kafkaWorkersHealthIndicator", HealthIndicator.class)
        .health(true).getStatus()).isEqualTo(Status.UP);
    assertThat(dispatcher.getBean("dispatcherHealthIndicator", HealthIndicator.class)
        .health(true).getStatus()).isEqualTo(Status.UP);
  }

  private void assertQuarantined(String source, String consumer, String firstKey,
                                 byte[] firstValue, String secondKey, byte[] secondValue) {
    List<ConsumerRecord<byte[], byte[]>> quarantined = kafka.readUntil(topics.quarantine(),
        records -> of(records, source, consumer).size() >= 2, WAIT);
    List<ConsumerRecord<byte[], byte[]>> mine = of(quarantined, source, consumer);
    assertThat(mine).hasSize(2);
    Map<String, ConsumerRecord<byte[], byte[]>> byKey = mine.stream().collect(Collectors.toMap(
        record -> new String(record.key(), StandardCharsets.UTF_8), record -> record));
    assertThat(byKey).containsOnlyKeys(firstKey, secondKey);
    assertThat(byKey.get(firstKey).value()).isEqualTo(firstValue);
    assertThat(byKey.get(secondKey).value()).isEqualTo(secondValue);
    assertThat(QuarantinedRecord.of(byKey.get(firstKey)).reason())
        .isEqualTo(QuarantineReason.UNDECODABLE);
    assertThat(QuarantinedRecord.of(byKey.get(secondKey)).reason())
        .isEqualTo(QuarantineReason.UNKNOWN_SCHEMA);
    assertThat(mine).allSatisfy(record -> {
      QuarantinedRecord metadata = QuarantinedRecord.of(record);
      assertThat(metadata.sourcePartition()).isBetween(0, 2);
      assertThat(metadata.sourceOffset()).isNotNegative();
    });
  }

  private static List<ConsumerRecord<byte[], byte[]>> of(
      List<ConsumerRecord<byte[], byte[]>> records, String source, String consumer) {
    return records.stream().filter(record -> {
      QuarantinedRecord metadata = QuarantinedRecord.of(record);
      return metadata.sourceTopic().equals(source) && metadata.consumer().equals(consumer);
    }).toList();
  }

  private void assertNextAlertReachesEveryone() {
    String alertId = Fixtures.newId();
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.EXTREME,
        AREA, info("nl", "Blijf binnen")).build());
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!reached(alertId).equals(everyone) && System.nanoTime() < deadline) {
      pause();
    }
    assertThat(reached(alertId)).as("alert " + alertId + " reached").isEqualTo(everyone);
  }

  private Set<String> reached(String alertId) {
    return gateway.sent().stream().filter(task -> task.getAlertId().equals(alertId))
        .map(DeliveryTask::getSubscriberId).collect(Collectors.toSet());
  }

  private void publishSubscriber() {
    String id = prefix + "-s" + subscribers++;
    kafka.send(topics.subscriptions(), id, subscriber(id, Channel.SMS,
        String.format("+3247710%04d", subscribers), "nl", at(50.05, 4.05)).build());
    everyone.add(id);
  }

  private void awaitDirectory(int size) {
    SubscriberDirectory directory = dispatcher.getBean(SubscriberDirectory.class);
    SendingLoop sending = dispatcher.getBean(SendingLoop.class);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while ((directory.size() != size || !sending.isSending()) && System.nanoTime() < deadline) {
      pause();
    }
    assertThat(directory.size()).isEqualTo(size);
    assertThat(sending.isSending()).isTrue();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] encode(Object event) {
    return new EventSerializer().serialize("t", (org.apache.avro.specific.SpecificRecord) event);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
