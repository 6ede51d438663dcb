package org.tocsin.subscriptions.zone;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.ZoneChanged;

/** The consumer of the zones topic: read committed, from the beginning, never giving up. */
@Configuration(proxyBeanMethods = false)
class ZoneListenerConfiguration {

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ZoneChanged> zoneListenerContainerFactory(
      KafkaProperties kafka, Topics topics) {
    Topic<String, ZoneChanged> zones = topics.zones();
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ConcurrentKafkaListenerContainerFactory<String, ZoneChanged> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config,
        zones.keySerde().deserializer(),
        new ErrorHandlingDeserializer<>(zones.valueSerde().deserializer())));
    // A record that cannot be read is logged and skipped; a database outage is waited out.
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(30_000);
    factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return factory;
  }
}
