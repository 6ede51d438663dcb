package org.tocsin.subscriptions;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;

/**
 * The topics this service writes (subscriptions, and the verification topics its codes go to)
 * and reads (zones), created if they do not exist yet, with the configuration of
 * {@link Topics}; {@code spring.kafka.admin.modify-topic-configs} brings existing topics to
 * it, so that an upgraded deployment gets the erasure bounds too.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

  @Bean
  Topics topics(SubscriptionsProperties properties) {
    return new Topics(properties.topics());
  }

  @Bean
  KafkaAdmin.NewTopics subscriptionsServiceTopics(Topics topics,
                                                  SubscriptionsProperties properties) {
    int partitions = properties.subscriptions().topicPartitions();
    short replication = properties.subscriptions().topicReplicationFactor();
    List<NewTopic> definitions = new ArrayList<>(List.of(
        topics.subscriptions().newTopic(partitions, replication),
        topics.zones().newTopic(partitions, replication)));
    for (Channel channel : Channel.values()) {
      definitions.add(topics.verifications(channel).newTopic(partitions, replication));
    }
    return new KafkaAdmin.NewTopics(definitions.toArray(NewTopic[]::new));
  }
}
