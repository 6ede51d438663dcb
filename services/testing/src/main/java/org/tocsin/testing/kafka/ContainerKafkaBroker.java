package org.tocsin.testing.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.tocsin.testing.DockerImages;

/** Kafka in a container (Testcontainers), used when {@code TOCSIN_TEST_DOCKER=true}. */
public final class ContainerKafkaBroker implements KafkaBroker {

  private final KafkaContainer container;

  private ContainerKafkaBroker(KafkaContainer container) {
    this.container = container;
  }

  public static ContainerKafkaBroker start() {
    DockerImageName image = DockerImages.kafka();
    KafkaContainer container = new KafkaContainer(image)
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new ContainerKafkaBroker(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
