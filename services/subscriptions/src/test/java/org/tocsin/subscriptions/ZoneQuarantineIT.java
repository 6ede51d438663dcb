package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.quarantine.QuarantineReason;
import org.tocsin.kafka.quarantine.QuarantinedRecord;

/**
 * Garbage and a zone from a newer alert-intake (an unknown schema fingerprint) on the zones
 * topic: both are quarantined with their origin, and the catalogue goes on with the next zone.
 */
@ServiceIT
class ZoneQuarantineIT {

  private static final Duration WAIT = ClientTimeouts.defaults().producerFailureBound()
      .multipliedBy(2);

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Test
  void aZoneRecordTheCatalogueCannotReadIsQuarantinedAndTheNextZoneStillArrives() {
    String suffix = UUID.randomUUID().toString();
    String garbageKey = "zone-garbage-" + suffix;
    String newerKey = "zone-newer-" + suffix;
    byte[] garbage = "<zone>not avro</zone>".getBytes(StandardCharsets.UTF_8);
    byte[] newer = new EventSerializer<ZoneChanged>().serialize("t",
        ZoneFixtures.municipality(newerKey, names("From the future"), List.of("9999"),
            50.85, 4.35));
    for (int i = 2; i < 10; i++) {
      newer[i] = (byte) (0x3C ^ (i * 17));
    }
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(Topics.DEFAULTS.zones().name(), bytes(garbageKey), garbage));
      raw.send(new ProducerRecord<>(Topics.DEFAULTS.zones().name(), bytes(newerKey), newer));
    }
    String next = "zone-after-" + suffix;
    try (ZoneFixtures zones = new ZoneFixtures(bootstrapServers)) {
      zones.publish(ZoneFixtures.municipality(next, names("After the bad ones"),
          List.of("9998"), 50.85, 4.35));
    }

    awaitZone(next);
    List<ConsumerRecord<byte[], byte[]>> quarantined = readQuarantine(garbageKey, newerKey);
    assertThat(quarantined).hasSize(2);
    for (ConsumerRecord<byte[], byte[]> record : quarantined) {
      QuarantinedRecord metadata = QuarantinedRecord.of(record);
      assertThat(metadata.sourceTopic()).isEqualTo(Topics.DEFAULTS.zones().name());
      assertThat(metadata.consumer()).isEqualTo("subscriptions-zones");
      if (new String(record.key(), StandardCharsets.UTF_8).equals(garbageKey)) {
        assertThat(record.value()).isEqualTo(garbage);
        assertThat(metadata.reason()).isEqualTo(QuarantineReason.UNDECODABLE);
      } else {
        assertThat(record.value()).isEqualTo(newer);
        assertThat(metadata.reason()).isEqualTo(QuarantineReason.UNKNOWN_SCHEMA);
      }
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readQuarantine(String... keys) {
    List<String> wanted = List.of(keys);
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String topic = Topics.DEFAULTS.quarantine().name();
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (found.size() < wanted.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null
              && wanted.contains(new String(record.key(), StandardCharsets.UTF_8))) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  private void awaitZone(String zoneId) {
    Api api = Api.fromRandomClient(port);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (api.get("/api/v1/zones/" + zoneId).status() != 200) {
      assertThat(System.nanoTime()).as("zone " + zoneId + " known").isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static Map<String, String> names(String name) {
    return Map.of("nl", name, "fr", name, "de", name, "en", name);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
