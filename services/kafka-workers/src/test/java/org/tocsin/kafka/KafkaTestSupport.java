package org.tocsin.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.clients.KafkaClientDefaults;

/** Events, raw writes and reads for the tests of this module, on a real broker. */
public final class KafkaTestSupport {

  static {
    EventTypes.all();
  }

  private KafkaTestSupport() {
  }

  public static KafkaClientDefaults clients(String bootstrapServers) {
    Map<String, Object> base = Map.of("bootstrap.servers", bootstrapServers);
    return new KafkaClientDefaults(base, base, base, ClientTimeouts.defaults());
  }

  public static SubscriberChanged subscriber(String id) {
    return SubscriberChanged.newBuilder().setSubscriberId(id).setRevision(1)
        .setChangedAt(Instant.now()).setLanguage("nl").setContacts(List.of()).build();
  }

  public static byte[] encoded(SubscriberChanged subscriber) {
    return new EventSerializer<SubscriberChanged>().serialize("t", subscriber);
  }

  /** A well-formed single-object header with a fingerprint no schema of this build has. */
  public static byte[] unknownFingerprint() {
    byte[] bytes = encoded(subscriber("from-the-future"));
    for (int i = 2; i < 10; i++) {
      bytes[i] = (byte) (0xA5 ^ i);
    }
    return bytes;
  }

  public static void write(KafkaClientDefaults clients, String topic, byte[] key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("test"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }
  }

  /** Reads the topic from its beginning until the records read satisfy the condition. */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(
      KafkaClientDefaults clients, String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumer("reader"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Condition on " + topic + " not met in " + timeout + " ("
              + records.size() + " records)");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }
}
