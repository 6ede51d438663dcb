package org.tocsin.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.SubscriberChanged;

final class OutboxFixtures {

  static {
    EventTypes.all();
  }

  private OutboxFixtures() {
  }

  static SubscriberChanged subscriber(String id, long revision) {
    return SubscriberChanged.newBuilder().setSubscriberId(id).setRevision(revision)
        .setChangedAt(Instant.now()).setLanguage("nl").setContacts(List.of()).build();
  }

  /** Reads committed records until {@code expected} arrived or nothing more comes. */
  static List<SubscriberChanged> readCommitted(String bootstrapServers,
                                               Topic<String, SubscriberChanged> topic,
                                               int expected, Duration timeout) {
    List<SubscriberChanged> values = new ArrayList<>();
    try (KafkaConsumer<String, SubscriberChanged> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
      // Anything beyond the expected count would be a duplicate: give it a chance to show up.
      consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
