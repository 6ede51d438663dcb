package org.tocsin.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.events.SampleEvents;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/** Every event type through the typed topics and their serdes, over a real broker. */
@ExtendWith(RealInfrastructure.class)
class EventRoundTripIT {

  private final Topics topics = new Topics(new TopicNames(
      "it.alerts." + UUID.randomUUID(), "it.subscriptions." + UUID.randomUUID(),
      "it.deliveries.{channel}.{lane}." + UUID.randomUUID(),
      "it.deliveries.{channel}.dead-letter." + UUID.randomUUID(),
      "it.delivery-status." + UUID.randomUUID(), "it.zones." + UUID.randomUUID(),
      "it.contacts-gone." + UUID.randomUUID(),
      "it.quarantine." + UUID.randomUUID(), null));

  @Test
  void everyEventTypeCrossesARealBrokerIntact(KafkaBroker broker) {
    broker.createTopics(topics.all().stream().map(topic -> topic.newTopic(1, (short) 1)).toList());

    assertThat(roundTrip(broker, topics.alerts(), "a-2026-000123", SampleEvents.chemicalRelease()))
        .isEqualTo(SampleEvents.chemicalRelease());
    assertThat(roundTrip(broker, topics.subscriptions(), "s-1", SampleEvents.subscriber()))
        .isEqualTo(SampleEvents.subscriber());
    assertThat(roundTrip(broker, topics.deliveries(Channel.SMS, Lane.HIGH), "+32470123456",
        SampleEvents.smsTask())).isEqualTo(SampleEvents.smsTask());
    assertThat(roundTrip(broker, topics.deliveryStatus(), "fanout/a-2026-000123/1/SMS",
        SampleEvents.fanOutReport())).isEqualTo(SampleEvents.fanOutReport());
    assertThat(roundTrip(broker, topics.zones(), "BE-11002", SampleEvents.municipality()))
        .isEqualTo(SampleEvents.municipality());
    assertThat(roundTrip(broker, topics.contactsGone(), "6f1c2a7e-0d4b-4c55-9a0e-2f1f6a3b9c11",
        SampleEvents.pushContactGone())).isEqualTo(SampleEvents.pushContactGone());
  }

  @Test
  void theSubscriptionsTopicIsCompactedAndCarriesTombstones(KafkaBroker broker) throws Exception {
    Topic<String, ?> subscriptions = topics.subscriptions();
    broker.createTopics(List.of(subscriptions.newTopic(1, (short) 1)));
    try (var admin = broker.admin()) {
      var resource = new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, subscriptions.name());
      assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
          .get("cleanup.policy").value()).isEqualTo("compact");
    }
    assertThat(roundTrip(broker, topics.subscriptions(), "s-erased", null)).isNull();
  }

  @Test
  void aConsumerGetsAClearErrorForBytesThatAreNotATocsinEvent(KafkaBroker broker) {
    Topic<String, ?> alerts = topics.alerts();
    broker.createTopics(List.of(alerts.newTopic(1, (short) 1)));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        alerts.keySerde().serializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(alerts.name(), "poison", "not avro".getBytes())).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    try (KafkaConsumer<String, ?> consumer = consumer(broker, alerts)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
        for (int i = 0; i < 50; i++) {
          consumer.poll(Duration.ofMillis(200));
        }
      }).isInstanceOf(RecordDeserializationException.class)
          .hasMessageContaining(alerts.name())
          .cause().hasMessageContaining("single-object header");
    }
  }

  private static <V> V roundTrip(KafkaBroker broker, Topic<String, V> topic, String key, V value) {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("Cannot produce to " + topic.name(), e);
    }
    try (KafkaConsumer<String, V> consumer = consumer(broker, topic)) {
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(key));
      return records.get(0).value();
    }
  }

  private static <V> KafkaConsumer<String, V> consumer(KafkaBroker broker, Topic<String, V> topic) {
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }
}
