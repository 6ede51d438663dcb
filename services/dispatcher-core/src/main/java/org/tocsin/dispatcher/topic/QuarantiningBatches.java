package org.tocsin.dispatcher.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.SourceRecord;

/**
 * Decodes a batch of raw records and hands it over; quarantines each record that cannot be
 * decoded and, when handling the batch fails, each record that fails on its own. The handler
 * must be idempotent: after a failed batch it is given the batch's records again one by one.
 */
final class QuarantiningBatches<V> {

  private final String consumer;
  private final Deserializer<String> keys;
  private final Deserializer<V> values;
  private final Consumer<ConsumerRecords<String, V>> handler;
  private final Quarantine quarantine;

  QuarantiningBatches(String consumer, Deserializer<String> keys, Deserializer<V> values,
                      Consumer<ConsumerRecords<String, V>> handler, Quarantine quarantine) {
    this.consumer = consumer;
    this.keys = keys;
    this.values = values;
    this.handler = handler;
    this.quarantine = quarantine;
  }

  /** Handles the batch; returns once every record of it is handled or in the quarantine. */
  void handle(ConsumerRecords<byte[], byte[]> batch) {
    List<CompletableFuture<?>> quarantined = new ArrayList<>();
    Map<TopicPartition, List<ConsumerRecord<String, V>>> decoded = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> raws = new ArrayList<>(batch.count());
    List<ConsumerRecord<String, V>> records = new ArrayList<>(batch.count());
    for (ConsumerRecord<byte[], byte[]> raw : batch) {
      ConsumerRecord<String, V> record;
      try {
        record = decode(raw);
      } catch (RuntimeException e) {
        quarantined.add(quarantine.quarantine(SourceRecord.of(raw), consumer, e));
        continue;
      }
      decoded.computeIfAbsent(new TopicPartition(raw.topic(), raw.partition()),
          partition -> new ArrayList<>()).add(record);
      raws.add(raw);
      records.add(record);
    }
    if (!records.isEmpty()) {
      try {
        handler.accept(new ConsumerRecords<>(decoded, Map.of()));
      } catch (RuntimeException batchFailure) {
        for (int i = 0; i < records.size(); i++) {
          ConsumerRecord<String, V> record = records.get(i);
          try {
            handler.accept(new ConsumerRecords<>(Map.of(new TopicPartition(record.topic(),
                record.partition()), List.of(record)), Map.of()));
          } catch (RuntimeException e) {
            quarantined.add(quarantine.quarantine(SourceRecord.of(raws.get(i)), consumer, e));
          }
        }
      }
    }
    // Moving past a record the quarantine does not have yet could lose it.
    CompletableFuture.allOf(quarantined.toArray(CompletableFuture[]::new)).join();
  }

  private ConsumerRecord<String, V> decode(ConsumerRecord<byte[], byte[]> raw) {
    String key = keys.deserialize(raw.topic(), raw.headers(), raw.key());
    V value = values.deserialize(raw.topic(), raw.headers(), raw.value());
    return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
        raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
        raw.headers(), raw.leaderEpoch());
  }
}
