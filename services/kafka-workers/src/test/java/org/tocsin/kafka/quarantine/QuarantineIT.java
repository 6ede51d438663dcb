package org.tocsin.kafka.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.kafka.KafkaTestSupport.clients;
import static org.tocsin.kafka.KafkaTestSupport.encoded;
import static org.tocsin.kafka.KafkaTestSupport.readUntil;
import static org.tocsin.kafka.KafkaTestSupport.subscriber;
import static org.tocsin.kafka.KafkaTestSupport.unknownFingerprint;
import static org.tocsin.kafka.KafkaTestSupport.write;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.health.KafkaWorkersHealthIndicator;
import org.tocsin.kafka.health.ListenerContainerStatus;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

@ExtendWith(RealInfrastructure.class)
class QuarantineIT {

  private final String prefix = "quarantine-it-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(null, prefix + ".subscriptions", null,
      null, null, null, null, prefix + ".quarantine", null));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private KafkaMessageListenerContainer<String, SubscriberChanged> container;

  @AfterEach
  void stop() {
    if (container != null) {
      container.stop();
    }
  }

  @Test
  void aQuarantinedRecordKeepsItsBytesAndHeadersAndNamesItsOriginTheConsumerAndTheReason(
      KafkaBroker broker) {
    KafkaClientDefaults clients = clients(broker.bootstrapServers());
    broker.createTopics(List.of(topics.quarantine().newTopic(1, (short) 1)));
    Quarantine quarantine = quarantine(clients);
    quarantine.expect("some.topic", "directory");
    assertThat(meters.get(Quarantine.COUNTER).tag("topic", "some.topic")
        .tag("consumer", "directory").counter().count()).isZero();
    RecordHeaders headers = new RecordHeaders();
    headers.add("tocsin-origin", "dispatcher-sms/1".getBytes(StandardCharsets.UTF_8));
    byte[] garbage = {0x0b, 0x0a, 0x0d};

    QuarantinedRecord stored = quarantine.quarantineAndWait(new SourceRecord("some.topic", 4,
        1234L, 1_700_000_000_000L, "s-42".getBytes(StandardCharsets.UTF_8), garbage, headers,
        false), "directory", new org.apache.kafka.common.errors.SerializationException("bad"));

    ConsumerRecord<byte[], byte[]> read = readUntil(clients, topics.quarantine().name(),
        records -> !records.isEmpty(), Duration.ofSeconds(30)).get(0);
    assertThat(read.key()).isEqualTo("s-42".getBytes(StandardCharsets.UTF_8));
    assertThat(read.value()).isEqualTo(garbage);
    assertThat(read.headers().lastHeader("tocsin-origin").value())
        .isEqualTo("dispatcher-sms/1".getBytes(StandardCharsets.UTF_8));
    QuarantinedRecord metadata = QuarantinedRecord.of(read);
    assertThat(metadata).usingRecursiveComparison().ignoringFields("quarantinedAt")
        .isEqualTo(stored);
    assertThat(metadata.sourceTopic()).isEqualTo("some.topic");
    assertThat(metadata.sourcePartition()).isEqualTo(4);
    assertThat(metadata.sourceOffset()).isEqualTo(1234L);
    assertThat(metadata.consumer()).isEqualTo("directory");
    assertThat(metadata.reason()).isEqualTo(QuarantineReason.UNDECODABLE);
    assertThat(metadata.errorType()).isEqualTo("SerializationException");
    assertThat(metadata.valueBytes()).isEqualTo(3);
    assertThat(meters.get(Quarantine.COUNTER).tag("topic", "some.topic")
        .tag("consumer", "directory").counter().count()).isEqualTo(1);
    assertThat(quarantine.recent()).singleElement().isEqualTo(stored);
    assertThat(stored.toString()).doesNotContain("s-42");
  }

  @Test
  void aListenerContainerQuarantinesWhatItCannotDecodeOrProcessWaitsOutAnOutageAndGoesOn(
      KafkaBroker broker) throws Exception {
    KafkaClientDefaults clients = clients(broker.bootstrapServers());
    String source = topics.subscriptions().name();
    broker.createTopics(List.of(topics.subscriptions().newTopic(1, (short) 1),
        topics.quarantine().newTopic(1, (short) 1)));
    byte[] newer = unknownFingerprint();
    byte[] poison = encoded(subscriber("poison"));
    write(clients, source, key("garbage"), "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
    write(clients, source, key("newer"), newer);
    write(clients, source, key("poison"), poison);
    write(clients, source, key("flaky"), encoded(subscriber("flaky")));
    write(clients, source, key("fine"), encoded(subscriber("fine")));
    List<String> processed = new CopyOnWriteArrayList<>();
    AtomicInteger flakyAttempts = new AtomicInteger();

    container = container(clients, "zones", record -> {
      switch (record.value().getSubscriberId()) {
        case "poison" -> throw new IllegalArgumentException("cannot apply poison");
        case "flaky" -> {
          if (flakyAttempts.incrementAndGet() < 3) {
            throw new TimeoutException("the database is away");
          }
        }
        default -> {
        }
      }
      processed.add(record.value().getSubscriberId());
    }, null);
    container.start();

    List<ConsumerRecord<byte[], byte[]>> quarantined = readUntil(clients,
        topics.quarantine().name(), records -> records.size() >= 3, Duration.ofSeconds(60));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (processed.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(processed).containsExactly("flaky", "fine");
    assertThat(flakyAttempts).hasValue(3);
    assertThat(quarantined).extracting(record -> new String(record.key(),
        StandardCharsets.UTF_8)).containsExactly("garbage", "newer", "poison");
    assertThat(quarantined).extracting(record -> QuarantinedRecord.of(record).reason())
        .containsExactly(QuarantineReason.UNDECODABLE, QuarantineReason.UNKNOWN_SCHEMA,
            QuarantineReason.UNPROCESSABLE);
    assertThat(quarantined).allSatisfy(record -> {
      assertThat(QuarantinedRecord.of(record).consumer()).isEqualTo("zones");
      assertThat(QuarantinedRecord.of(record).sourceTopic()).isEqualTo(source);
    });
    assertThat(quarantined.get(0).value())
        .isEqualTo("{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(quarantined.get(1).value()).isEqualTo(newer);
    assertThat(quarantined.get(2).headers().lastHeader(QuarantineHeaders.REENCODED))
        .as("the poison decoded: its event is written again").isNotNull();
    assertThat(quarantined.get(2).value()).isEqualTo(poison);
  }

  @Test
  void aContainerFencedByAnotherMemberWithItsStaticIdIsReportedDown(KafkaBroker broker)
      throws Exception {
    KafkaClientDefaults clients = clients(broker.bootstrapServers());
    String source = topics.subscriptions().name();
    broker.createTopics(List.of(topics.subscriptions().newTopic(1, (short) 1),
        topics.quarantine().newTopic(1, (short) 1)));
    String group = prefix + "-static";
    String member = prefix + "-member";
    container = container(clients, "static", record -> {
    }, member);
    ListenerContainerStatus status = new ListenerContainerStatus("static", container);
    container.setApplicationEventPublisher(event -> {
      if (event instanceof ConsumerStoppedEvent stopped) {
        status.onApplicationEvent(stopped);
      }
    });
    KafkaWorkersHealthIndicator health = new KafkaWorkersHealthIndicator(() -> List.of(status));
    container.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (container.getAssignedPartitions().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(container.getAssignedPartitions()).isNotEmpty();
    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

    Map<String, Object> newer = clients.groupConsumer("newer", group);
    newer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, member);
    try (KafkaConsumer<String, byte[]> intruder = new KafkaConsumer<>(newer,
        new StringDeserializer(), new ByteArrayDeserializer())) {
      intruder.subscribe(List.of(source));
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (container.isInExpectedState() && System.nanoTime() < deadline) {
        intruder.poll(Duration.ofMillis(100));
      }
    }

    assertThat(status.state()).isInstanceOfAny(WorkerState.Fenced.class,
        WorkerState.Failed.class);
    assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
  }

  private Quarantine quarantine(KafkaClientDefaults clients) {
    return new Quarantine(topics.quarantine(), new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(clients.producer("quarantine"),
            new ByteArraySerializer(), new ByteArraySerializer())), meters,
        clients.timeouts().producerFailureBound());
  }

  private KafkaMessageListenerContainer<String, SubscriberChanged> container(
      KafkaClientDefaults clients, String consumer,
      MessageListener<String, SubscriberChanged> listener, String staticMember) {
    Map<String, Object> config = clients.groupConsumer(consumer, prefix + "-" + (
        staticMember == null ? consumer : "static"));
    if (staticMember != null) {
      config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMember);
    }
    DefaultKafkaConsumerFactory<String, SubscriberChanged> consumers =
        new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
            new ErrorHandlingDeserializer<>(new EventDeserializer<>(SubscriberChanged.class)));
    ContainerProperties properties = new ContainerProperties(topics.subscriptions().name());
    properties.setMessageListener(listener);
    KafkaMessageListenerContainer<String, SubscriberChanged> created =
        new KafkaMessageListenerContainer<>(consumers, properties);
    created.setCommonErrorHandler(QuarantiningErrorHandler.create(quarantine(clients), consumer,
        failure -> false, new org.springframework.util.backoff.FixedBackOff(100,
            org.springframework.util.backoff.FixedBackOff.UNLIMITED_ATTEMPTS), 3));
    return created;
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
