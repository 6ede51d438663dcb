package org.tocsin.subscriptions.zone;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.CannotCreateTransactionException;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantiningErrorHandler;

/**
 * The consumer of the zones topic: read committed, from the beginning. A database outage is
 * waited out; a zone record that cannot be decoded or applied goes to the quarantine, and the
 * catalogue goes on with the next one.
 */
@Configuration(proxyBeanMethods = false)
class ZoneListenerConfiguration {

  /** Tries of a zone record that fails for a reason of its own before it is quarantined. */
  private static final int ATTEMPTS = 3;

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ZoneChanged> zoneListenerContainerFactory(
      KafkaClientDefaults clients, Topics topics, Quarantine quarantine,
      Environment environment) {
    Topic<String, ZoneChanged> zones = topics.zones();
    // The group of ZoneChangedListener's @KafkaListener.
    String consumer = environment.getProperty("spring.application.name") + "-zones";
    Map<String, Object> config = clients.consumer(consumer);
    ConcurrentKafkaListenerContainerFactory<String, ZoneChanged> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config,
        zones.keySerde().deserializer(),
        new ErrorHandlingDeserializer<>(zones.valueSerde().deserializer())));
    quarantine.expect(zones.name(), consumer);
    factory.setCommonErrorHandler(QuarantiningErrorHandler.create(quarantine, consumer,
        ZoneListenerConfiguration::databaseOutage, QuarantiningErrorHandler.outageBackOff(),
        ATTEMPTS));
    return factory;
  }

  /** Whether a failure is the database being away rather than the record's fault. */
  static boolean databaseOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TransientDataAccessException
          || cause instanceof RecoverableDataAccessException
          || cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
        return true;
      }
    }
    return false;
  }
}
