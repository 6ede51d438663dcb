package org.tocsin.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * The topics that carry contacts, created on a real broker, forget them within the documented
 * bounds: computed from the configuration the broker reports, so a topic left on a broker
 * default (a week per segment, retention of a week, no compaction lag) fails.
 */
@ExtendWith(RealInfrastructure.class)
class ErasureBoundsIT {

  private final Topics topics = new Topics(new TopicNames(
      "erasure-it.alerts." + UUID.randomUUID(), "erasure-it.subscriptions." + UUID.randomUUID(),
      "erasure-it.deliveries.{channel}.{lane}." + UUID.randomUUID(),
      "erasure-it.deliveries.{channel}.dead-letter." + UUID.randomUUID(),
      "erasure-it.delivery-status." + UUID.randomUUID(), "erasure-it.zones." + UUID.randomUUID(),
      "erasure-it.contacts-gone." + UUID.randomUUID()));

  @Test
  void aSupersededOrErasedSubscriberStateIsCompactedAwayWithinTheErasureBound(
      KafkaBroker broker) throws Exception {
    Config config = created(broker, topics.subscriptions());

    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    // The newest segment closes within segment.ms (at the next append), and the cleaner must
    // compact a record once it is older than max.compaction.lag.ms.
    Duration gone = millis(config, TopicConfig.SEGMENT_MS_CONFIG)
        .plus(millis(config, TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG));
    assertThat(gone).isLessThanOrEqualTo(Topics.ERASURE_BOUND);
    assertThat(millis(config, TopicConfig.DELETE_RETENTION_MS_CONFIG))
        .as("tombstones stay long enough for a dispatcher restarted after a day to see them")
        .isGreaterThanOrEqualTo(Duration.ofDays(1));
  }

  @Test
  void deliveriesAndDeadLettersAreDeletedWithinTheErasureBound(KafkaBroker broker)
      throws Exception {
    for (Channel channel : Channel.values()) {
      for (Topic<String, ?> topic : List.of(topics.deliveries(channel, Lane.HIGH),
          topics.deliveries(channel, Lane.NORMAL), topics.deadLetters(channel))) {
        assertThat(deletedAfter(created(broker, topic))).as(topic.name())
            .isLessThanOrEqualTo(Topics.ERASURE_BOUND);
      }
    }
  }

  @Test
  void contactsGoneAreDeletedWithinTheErasureBound(KafkaBroker broker) throws Exception {
    assertThat(deletedAfter(created(broker, topics.contactsGone())))
        .isLessThanOrEqualTo(Topics.ERASURE_BOUND);
  }

  @Test
  void verificationMessagesHaveTopicsOfTheirOwnDeletedWithinAnHour(KafkaBroker broker)
      throws Exception {
    for (Channel channel : Channel.values()) {
      Topic<String, ?> topic = topics.verifications(channel);
      assertThat(topic.name()).isNotIn(topics.deliveries(channel, Lane.NORMAL).name(),
          topics.deliveries(channel, Lane.HIGH).name());
      assertThat(deletedAfter(created(broker, topic))).as(topic.name())
          .isLessThanOrEqualTo(Topics.VERIFICATION_BOUND)
          .isLessThanOrEqualTo(Duration.ofHours(1));
    }
    assertThat(topics.forChannel(Channel.SMS)).map(Topic::name)
        .as("a dispatcher declares its channel's verification topic")
        .contains(topics.verifications(Channel.SMS).name());
  }

  /** A closed segment is deleted once its newest record is older than retention.ms. */
  private static Duration deletedAfter(Config config) {
    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
    return millis(config, TopicConfig.RETENTION_MS_CONFIG)
        .plus(millis(config, TopicConfig.SEGMENT_MS_CONFIG));
  }

  private static Config created(KafkaBroker broker, Topic<String, ?> topic) throws Exception {
    broker.createTopics(List.of(topic.newTopic(1, (short) 1)));
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    try (Admin admin = broker.admin()) {
      Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(resource)).all().get();
      return configs.get(resource);
    }
  }

  private static Duration millis(Config config, String name) {
    return Duration.ofMillis(Long.parseLong(config.get(name).value()));
  }
}
