package org.tocsin.dispatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.events.topics.Topic;

/**
 * Publishes events the way other services do (their outbox relays publish in Kafka
 * transactions) and reads what a dispatcher wrote, for tests.
 */
public final class TopicClient implements AutoCloseable {

  private final String bootstrapServers;
  private final KafkaProducer<byte[], byte[]> producer;
  private boolean inTransaction;

  public TopicClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-client-" + java.util.UUID.randomUUID(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class));
    producer.initTransactions();
  }

  public <V> void publish(Topic<String, V> topic, String key, V value) {
    send(topic, key, value);
    flush();
  }

  /** Sends in the open transaction; {@link #flush()} commits it. */
  public <V> void send(Topic<String, V> topic, String key, V value) {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
    producer.send(new ProducerRecord<>(topic.name(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  /** Sends raw bytes in the open transaction, as a faulty or newer producer would. */
  public void sendRaw(String topic, byte[] key, byte[] value) {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  public void flush() {
    if (inTransaction) {
      producer.commitTransaction();
      inTransaction = false;
    }
  }

  /** Every committed record of the topic now. */
  public <K, V> List<ConsumerRecord<K, V>> readAll(Topic<K, V> topic) {
    try (KafkaConsumer<K, V> consumer = consumer(topic)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      while (!reached(consumer, ends)) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  /** Reads the topic until the records read satisfy the condition, or fails after timeout. */
  public <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic,
                                                     Predicate<List<ConsumerRecord<K, V>>> done,
                                                     Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<K, V>> records = readAll(topic);
      if (done.test(records)) {
        return records;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition on " + topic.name() + " not met in " + timeout
            + " (" + records.size() + " records)");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Committed records in the topic now (end offsets as a read_committed reader sees them). */
  public long committedCount(Topic<?, ?> topic) {
    try (KafkaConsumer<?, ?> consumer = consumer(topic)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer,
                                                 Topic<?, ?> topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
  }

  private <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    producer.close();
  }
}
