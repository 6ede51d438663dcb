package org.tocsin.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.kafka.autoconfigure.KafkaWorkersAutoConfiguration;
import org.tocsin.kafka.clients.KafkaClientDefaults;

/** Provides the {@link Outbox} and, unless disabled, its {@link OutboxRelay}. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class,
    KafkaWorkersAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Outbox outbox(DataSource dataSource, OutboxProperties properties) {
    return new JdbcOutbox(new JdbcTemplate(dataSource), properties.maxEventBytes());
  }

  @Bean
  @ConditionalOnProperty(name = "tocsin.outbox.relay-enabled", matchIfMissing = true)
  OutboxRelay outboxRelay(DataSource dataSource, KafkaClientDefaults clients,
                          OutboxProperties properties, Environment environment,
                          ObjectProvider<MeterRegistry> meters) {
    String transactionalId = properties.transactionalId() != null
        ? properties.transactionalId()
        : environment.getProperty("spring.application.name", "tocsin") + "-outbox";
    return new OutboxRelay(dataSource, clients, transactionalId, properties,
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  @ConditionalOnProperty(name = "tocsin.outbox.relay-enabled", matchIfMissing = true)
  OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay) {
    return new OutboxHealthIndicator(relay);
  }
}
