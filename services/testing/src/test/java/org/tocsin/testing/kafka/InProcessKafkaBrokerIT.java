package org.tocsin.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InProcessKafkaBrokerIT {

  @Test
  void keepsRecordsAcrossAStopAndRestartOnTheSamePort() throws Exception {
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start()) {
      broker.createTopics(List.of(new NewTopic("restart-test", 1, (short) 1)));
      produce(broker, "before");
      String address = broker.bootstrapServers();

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      assertThatThrownBy(() -> produceWithShortTimeout(broker, "while-down"))
          .isInstanceOf(ExecutionException.class);

      broker.restart();
      produce(broker, "after");

      assertThat(broker.bootstrapServers()).isEqualTo(address);
      assertThat(consumeAll(broker, 2)).containsExactly("before", "after");
    }
  }

  @Test
  void refusesToAutoCreateTopicsSoServicesMustDeclareTheirs() throws Exception {
    try (KafkaConsumer<String, String> consumer = consumer(KafkaBrokers.shared())) {
      assertThat(consumer.listTopics(Duration.ofSeconds(10))).doesNotContainKey("never-declared");
      consumer.subscribe(List.of("never-declared"));
      consumer.poll(Duration.ofMillis(500));
      assertThat(consumer.listTopics(Duration.ofSeconds(10))).doesNotContainKey("never-declared");
    }
  }

  private static void produce(KafkaBroker broker, String value) throws Exception {
    try (KafkaProducer<String, String> producer = producer(broker, 30_000)) {
      producer.send(new ProducerRecord<>("restart-test", "key", value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static void produceWithShortTimeout(KafkaBroker broker, String value) throws Exception {
    try (KafkaProducer<String, String> producer = producer(broker, 2_000)) {
      producer.send(new ProducerRecord<>("restart-test", "key", value)).get(10, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker, int timeoutMillis) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMillis, 30_000),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMillis, 30_000) + 1_000),
        new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer());
  }

  private static List<String> consumeAll(KafkaBroker broker, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(broker)) {
      consumer.subscribe(List.of("restart-test"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
