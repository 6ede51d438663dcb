package org.tocsin.alertintake;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tocsin.events.topics.Topics;

/** The topics this service produces to, created at start when missing. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  Topics topics(TopicProperties properties) {
    return new Topics(properties.topics());
  }

  @Bean
  NewTopic alertsTopic(Topics topics, TopicProperties properties) {
    return topics.alerts().newTopic(properties.kafka().alertPartitions(),
        properties.kafka().replicationFactor());
  }

  @Bean
  NewTopic zonesTopic(Topics topics, TopicProperties properties) {
    return topics.zones().newTopic(properties.kafka().zonePartitions(),
        properties.kafka().replicationFactor());
  }
}
