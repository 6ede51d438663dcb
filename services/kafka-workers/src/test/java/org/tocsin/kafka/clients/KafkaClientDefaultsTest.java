package org.tocsin.kafka.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientDefaultsTest {

  private static final Map<String, Object> CONFIGURED = Map.of(
      "bootstrap.servers", "broker:9092",
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
      ConsumerConfig.GROUP_ID_CONFIG, "someone-elses-group",
      ProducerConfig.ACKS_CONFIG, "1",
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
      ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shared-id");

  private final KafkaClientDefaults defaults = new KafkaClientDefaults(CONFIGURED, CONFIGURED,
      Map.of("bootstrap.servers", "broker:9092"), ClientTimeouts.defaults());

  @Test
  void consumersReadCommittedRecordsOnlyAndNeverCommitByThemselvesWhateverIsConfigured() {
    Map<String, Object> consumer = defaults.consumer("directory");

    assertThat(consumer)
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "directory")
        .containsEntry(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
        .containsEntry(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    assertThat(defaults.groupConsumer("lane", "send-high"))
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "send-high");
  }

  @Test
  void producersAreIdempotentWithAllAcksAndBoundedTimesWhateverIsConfigured() {
    Map<String, Object> producer = defaults.producer("status");

    assertThat(producer)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
        .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    assertThat(defaults.transactionalProducer("fan-out", "app-1-fan-out"))
        .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "app-1-fan-out")
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
  }

  @Test
  void refusesTimeoutsKafkaWouldRefuse() {
    assertThatThrownBy(() -> new ClientTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30)))
        .hasMessageContaining("delivery timeout");
    KafkaClientDefaults lingering = new KafkaClientDefaults(Map.of(),
        Map.of(ProducerConfig.LINGER_MS_CONFIG, 25_000), Map.of(), ClientTimeouts.defaults());
    assertThatThrownBy(() -> lingering.producer("p")).hasMessageContaining("linger.ms");
  }

  @Test
  void aProducerReportsALostBrokerWithinTheLongerOfItsBlockingAndDeliveryTimeouts() {
    assertThat(ClientTimeouts.defaults().producerFailureBound()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new ClientTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(8),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30))
        .producerFailureBound()).isEqualTo(Duration.ofSeconds(8));
  }
}
