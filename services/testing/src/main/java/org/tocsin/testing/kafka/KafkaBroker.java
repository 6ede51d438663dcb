package org.tocsin.testing.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** A real Kafka broker that a test, benchmark or the local stack talks to. */
public interface KafkaBroker extends AutoCloseable {

  String bootstrapServers();

  /** A new admin client for this broker; the caller closes it. */
  default Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates the topics that do not exist yet and waits until they do. */
  default void createTopics(Collection<NewTopic> topics) {
    try (Admin admin = admin()) {
      for (var future : admin.createTopics(topics).values().values()) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topics " + topics, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  @Override
  void close();
}
