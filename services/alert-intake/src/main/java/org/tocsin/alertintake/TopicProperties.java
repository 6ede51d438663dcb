package org.tocsin.alertintake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tocsin.events.topics.TopicNames;

/**
 * The topics alert-intake writes ({@code tocsin.*}).
 *
 * @param topics topic names ({@code tocsin.topics.alerts}, {@code tocsin.topics.zones}, ...;
 *     defaults from {@link TopicNames})
 * @param kafka how the topics are created when they do not exist
 */
@Validated
@ConfigurationProperties("tocsin")
public record TopicProperties(TopicNames topics, @DefaultValue @Valid @NotNull Kafka kafka) {

  public TopicProperties {
    topics = topics == null ? TopicNames.defaults() : topics;
  }

  /**
   * Creation of the topics ({@code tocsin.kafka.*}).
   *
   * @param alertPartitions partitions of the alerts topic (default 6)
   * @param zonePartitions partitions of the compacted zones topic (default 3)
   * @param replicationFactor replication factor of both (default 1; 3 in production)
   */
  public record Kafka(@DefaultValue("6") @Min(1) int alertPartitions,
                      @DefaultValue("3") @Min(1) int zonePartitions,
                      @DefaultValue("1") @Min(1) short replicationFactor) {
  }
}
