package org.tocsin.testing.kafka;

import org.tocsin.testing.DockerImages;

/**
 * The Kafka broker of this test JVM: started on first use, shared by every test, closed when the
 * JVM exits. In-process KRaft by default; a Testcontainers broker when
 * {@code TOCSIN_TEST_DOCKER=true}.
 */
public final class KafkaBrokers {

  private static KafkaBroker shared;

  private KafkaBrokers() {
  }

  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      KafkaBroker broker = DockerImages.useDocker()
          ? ContainerKafkaBroker.start()
          : InProcessKafkaBroker.start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
      shared = broker;
    }
    return shared;
  }
}
