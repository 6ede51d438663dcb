package org.tocsin.subscriptions;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * The topics this service writes (subscriptions, the normal-lane deliveries its verification
 * messages go to, the quarantine) and reads (zones), created if they do not exist yet.
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
    return new KafkaAdmin.NewTopics(
        topics.subscriptions().newTopic(partitions, replication),
        topics.zones().newTopic(partitions, replication),
        topics.quarantine().newTopic(partitions, replication),
        deliveries(topics, Channel.SMS, partitions, replication),
        deliveries(topics, Channel.EMAIL, partitions, replication),
        deliveries(topics, Channel.PUSH, partitions, replication));
  }

  private static NewTopic deliveries(Topics topics, Channel channel, int partitions,
                                     short replication) {
    return topics.deliveries(channel, Lane.NORMAL).newTopic(partitions, replication);
  }
}
