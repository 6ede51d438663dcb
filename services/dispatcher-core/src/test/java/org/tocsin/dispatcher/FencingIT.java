package org.tocsin.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.app.TestDispatcher;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * Kafka fences a lane consumer when another member joins its group with its static member id
 * (what a second process with the same instance id did before the lease): the dispatcher
 * must not look ready afterwards.
 */
@ExtendWith(RealInfrastructure.class)
class FencingIT {

  private static final Duration WAIT = ClientTimeouts.defaults().defaultApi().multipliedBy(2);

  private final String prefix = "fencing-" + Long.toHexString(System.nanoTime());
  private final Topics topics = TestDispatcher.topics(prefix);
  private ConfigurableApplicationContext dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void aLaneConsumerFencedByAMemberWithItsStaticIdMakesReadinessDownAndSaysWhy(
      KafkaBroker broker) throws Exception {
    TestDispatcher.createTopics(broker, topics);
    dispatcher = TestDispatcher.start(broker, prefix, topics);
    SendingLoop sending = dispatcher.getBean(SendingLoop.class);
    HealthIndicator workers = dispatcher.getBean("kafkaWorkersHealthIndicator",
        HealthIndicator.class);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!(sending.isSending() && workers.health(true).getStatus() == Status.UP)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(workers.health(true).getStatus()).isEqualTo(Status.UP);

    Map<String, Object> config = new java.util.HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, prefix + "-send-high",
        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, prefix + "-" + prefix + "-send-high"));
    try (KafkaConsumer<byte[], byte[]> intruder = new KafkaConsumer<>(config,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      intruder.subscribe(List.of(topics.deliveries(Channel.SMS, Lane.HIGH).name()));
      deadline = System.nanoTime() + WAIT.toNanos();
      while (workers.health(true).getStatus() == Status.UP && System.nanoTime() < deadline) {
        intruder.poll(Duration.ofMillis(100));
      }
    }

    Health health = workers.health(true);
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("send-high").toString()).contains("fenced")
        .contains("FencedInstanceIdException");
    Thread.sleep(ClientTimeouts.defaults().request().toMillis());
    assertThat(workers.health(true).getStatus()).as("a fenced worker does not come back and "
        + "fence the other member in turn").isEqualTo(Status.DOWN);
  }
}
