package org.tocsin.deliverytracker.support;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.tocsin.events.topics.Topic;

/** Writes events to the tracker's topics as the other services do, for tests. */
public final class Events implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  public Events(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  public <V> void send(Topic<String, V> topic, String key, V value) {
    send(topic, key, value, new RecordHeaders());
  }

  public <V> void send(Topic<String, V> topic, String key, V value, RecordHeaders headers) {
    producer.send(new ProducerRecord<>(topic.name(), null,
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value), headers));
  }

  public void sendRaw(String topic, byte[] key, byte[] value, RecordHeaders headers) {
    producer.send(new ProducerRecord<>(topic, null, key, value, headers));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
