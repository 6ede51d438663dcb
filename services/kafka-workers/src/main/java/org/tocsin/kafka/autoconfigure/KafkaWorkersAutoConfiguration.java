package org.tocsin.kafka.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.tocsin.events.topics.Topics;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.health.QuarantineHealthIndicator;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.worker.RestartBackOff;

/**
 * Gives every service the {@link KafkaClientDefaults} its clients are built from, the restart
 * back-off of its workers, and the {@link Quarantine} with its health details.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaWorkersProperties.class)
public class KafkaWorkersAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  KafkaClientDefaults kafkaClientDefaults(KafkaProperties kafka,
                                          KafkaWorkersProperties properties) {
    return new KafkaClientDefaults(kafka.buildConsumerProperties(),
        kafka.buildProducerProperties(), kafka.buildAdminProperties(),
        properties.timeouts().clientTimeouts());
  }

  @Bean
  @ConditionalOnMissingBean
  RestartBackOff workerRestartBackOff(KafkaWorkersProperties properties) {
    return properties.restart().backOff();
  }

  @Bean
  @ConditionalOnMissingBean
  Quarantine quarantine(KafkaClientDefaults clients, ObjectProvider<Topics> topics,
                        Environment environment, ObjectProvider<MeterRegistry> meters) {
    String application = environment.getProperty("spring.application.name", "tocsin");
    KafkaTemplate<byte[], byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
        clients.producer(application + "-quarantine"), new ByteArraySerializer(),
        new ByteArraySerializer()));
    return new Quarantine(topics.getIfAvailable(() -> Topics.DEFAULTS).quarantine(), kafka,
        meters.getIfAvailable(SimpleMeterRegistry::new),
        clients.timeouts().producerFailureBound());
  }

  @Bean
  QuarantineHealthIndicator quarantineHealthIndicator(Quarantine quarantine) {
    return new QuarantineHealthIndicator(quarantine);
  }
}
