package org.tocsin.subscriptions.contactgone;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.subscriptions.SubscriptionsProperties;

/**
 * The consumer of the contacts-gone topic (read committed, from the earliest record it keeps,
 * never giving up while the database is away), and the topic itself, created if missing.
 */
@Configuration(proxyBeanMethods = false)
class ContactGoneConfiguration {

  @Bean
  KafkaAdmin.NewTopics contactsGoneTopic(Topics topics, SubscriptionsProperties properties) {
    return new KafkaAdmin.NewTopics(topics.contactsGone().newTopic(
        properties.subscriptions().topicPartitions(),
        properties.subscriptions().topicReplicationFactor()));
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ContactGone> contactGoneContainerFactory(
      KafkaProperties kafka, Topics topics) {
    Topic<String, ContactGone> gone = topics.contactsGone();
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ConcurrentKafkaListenerContainerFactory<String, ContactGone> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config,
        gone.keySerde().deserializer(),
        new ErrorHandlingDeserializer<>(gone.valueSerde().deserializer())));
    // A record that cannot be read is logged and skipped; a database outage is waited out.
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(30_000);
    factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return factory;
  }
}
