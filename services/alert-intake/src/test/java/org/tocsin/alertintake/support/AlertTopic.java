package org.tocsin.alertintake.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.topics.Topic;

/** Reads a topic from the start as a Tocsin consumer does (read_committed), decoding values. */
public final class AlertTopic {

  static {
    EventTypes.all();
  }

  private AlertTopic() {
  }

  /**
   * The records of {@code topic} that match, in order, once {@code expected} arrived (or the
   * timeout passed) and everything committed by then was read: duplicates show.
   */
  public static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers,
                                                         Topic<String, V> topic,
                                                         Predicate<ConsumerRecord<String, V>> wanted,
                                                         int expected, Duration timeout) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = consumer(bootstrapServers, topic)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        poll(consumer, wanted, records);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long drainDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < drainDeadline) {
        poll(consumer, wanted, records);
      }
    }
    return records;
  }

  private static <V> void poll(KafkaConsumer<String, V> consumer,
                               Predicate<ConsumerRecord<String, V>> wanted,
                               List<ConsumerRecord<String, V>> records) {
    consumer.poll(Duration.ofMillis(100)).forEach(r -> {
      if (wanted.test(r)) {
        records.add(r);
      }
    });
  }

  /** The end offset of every partition of the topic. */
  public static Map<TopicPartition, Long> endOffsets(String bootstrapServers,
                                                     Topic<String, ?> topic) {
    try (KafkaConsumer<String, ?> consumer = consumer(bootstrapServers, topic)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  private static <V> KafkaConsumer<String, V> consumer(String bootstrapServers,
                                                       Topic<String, V> topic) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "alert-intake-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
