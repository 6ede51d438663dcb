package org.tocsin.deliverytracker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead letter from its topic by position, and writes it back to its lane with the
 * replay's id as a header (and without the dead-letter headers, so it is a task like any other).
 */
public final class KafkaDeadLetterRecords implements DeadLetterRecords {

  /** The header naming the replay a task came back with. */
  public static final String REPLAY_HEADER = "tocsin-replay-id";

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Producer<byte[], byte[]> producer;
  private final Duration timeout;

  public KafkaDeadLetterRecords(Supplier<Consumer<byte[], byte[]>> consumers,
                                Producer<byte[], byte[]> producer, Duration timeout) {
    this.consumers = consumers;
    this.producer = producer;
    this.timeout = timeout;
  }

  @Override
  public Optional<RawRecord> fetch(DeadLetterKey key) {
    TopicPartition partition = new TopicPartition(key.topic(), key.partition());
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      consumer.assign(List.of(partition));
      Long start = consumer.beginningOffsets(List.of(partition)).get(partition);
      Long end = consumer.endOffsets(List.of(partition)).get(partition);
      if (start == null || end == null || key.offset() < start || key.offset() >= end) {
        return Optional.empty();
      }
      consumer.seek(partition, key.offset());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() == key.offset()) {
            return Optional.of(new RawRecord(record.key(), record.value()));
          }
          if (record.offset() > key.offset()) {
            return Optional.empty();
          }
        }
      }
      throw new IllegalStateException("Could not read " + partition + "@" + key.offset()
          + " within " + timeout);
    }
  }

  @Override
  public void writeBack(String topic, RawRecord record, String replayId) {
    ProducerRecord<byte[], byte[]> task = new ProducerRecord<>(topic, record.key(),
        record.value());
    task.headers().add(REPLAY_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not write the task back to " + topic, e);
    }
  }
}
