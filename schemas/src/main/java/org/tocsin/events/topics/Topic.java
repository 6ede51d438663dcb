package org.tocsin.events.topics;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values and the topic configuration it needs
 * (compaction, retention), so that no producer or consumer can pick the wrong ones.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde,
                          Map<String, String> config) {

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A topic needs a name");
    }
    config = Map.copyOf(config);
  }

  /** The definition to create this topic with. */
  public NewTopic newTopic(int partitions, short replicationFactor) {
    return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor))
        .configs(config);
  }
}
