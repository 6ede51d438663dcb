package org.tocsin.subscriptions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.tocsin.events.topics.TopicNames;

/**
 * Settings of the subscriptions service under {@code tocsin}.
 *
 * @param topics names of Tocsin's topics ({@code tocsin.topics.*}; defaults from
 *     {@link TopicNames})
 * @param subscriptions the service's own settings ({@code tocsin.subscriptions.*})
 */
@Validated
@ConfigurationProperties("tocsin")
public record SubscriptionsProperties(
    TopicNames topics,
    @DefaultValue @Valid @NotNull Service subscriptions) {

  public SubscriptionsProperties {
    topics = topics == null ? TopicNames.defaults() : topics;
  }

  /**
   * @param publicUrl where citizens reach this service, for the links in messages (default
   *     {@code http://localhost:8082})
   * @param maxRequestSize largest request body accepted (default 16KB)
   * @param unverifiedRetention how long a registration none of whose contacts was verified is
   *     kept before it is deleted (default 24h)
   * @param topicPartitions partitions of the topics this service creates if they are missing
   *     (default 6)
   * @param topicReplicationFactor their replication factor (default 1; 3 in production)
   * @param managementRefusalTime the least time a refused management code takes to answer
   *     (default 100ms), so that a wrong code for a registered address, which costs a locked
   *     row and an update, answers no later than one for an unknown address
   * @param managementCodeQueue management codes waiting to be issued after their request was
   *     answered (default 1000); beyond that a request is answered the same and no code is sent
   */
  public record Service(
      @DefaultValue("http://localhost:8082") @NotNull URI publicUrl,
      @DefaultValue("16KB") @NotNull DataSize maxRequestSize,
      @DefaultValue("24h") @NotNull Duration unverifiedRetention,
      @DefaultValue("6") @Min(1) @Max(1000) int topicPartitions,
      @DefaultValue("1") @Min(1) @Max(10) short topicReplicationFactor,
      @DefaultValue("100ms") @NotNull Duration managementRefusalTime,
      @DefaultValue("1000") @Min(1) @Max(1_000_000) int managementCodeQueue) {
  }
}
