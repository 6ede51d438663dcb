package org.tocsin.dispatcher.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskWriter;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcher.sending.SendingSettings;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.dispatcher.topic.CommittedEnds;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.identity.InstanceIdentity;
import org.tocsin.kafka.identity.InstanceLease;
import org.tocsin.kafka.worker.Recovery;

/** The sending loop and where the statuses it writes go. */
@Configuration(proxyBeanMethods = false)
class SendingConfiguration {

  @Bean
  KafkaTemplate<String, SpecificRecord> dispatcherStatusTemplate(KafkaClientDefaults clients,
                                                                 Environment environment) {
    Map<String, Object> config = clients.producer(DispatcherNames.client(environment, "status"));
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
        new org.tocsin.events.serde.EventSerializer<>()));
  }

  @Bean
  StatusPublisher statusPublisher(KafkaTemplate<String, SpecificRecord> dispatcherStatusTemplate,
                                  Topics topics, FollowerConfiguration.StatusOrigin origin) {
    return new StatusPublisher(dispatcherStatusTemplate, topics.deliveryStatus(), origin.name());
  }

  @Bean
  StatusOutbox statusOutbox(StatusPublisher statusPublisher, DispatcherProperties properties) {
    DispatcherProperties.Sending sending = properties.dispatcher().sending();
    return new StatusOutbox(statusPublisher, sending.statusBuffer(), sending.statusOutageAfter());
  }

  @Bean
  SendingLoop sendingLoop(ChannelGateways gateways, SubscriberDirectory directory,
                          AlertStates alerts, SendLedger ledger,
                          TopicFollower<LedgerEntry> ledgerFollower,
                          TopicFollower<SubscriberChanged> directoryFollower,
                          TopicFollower<AlertEvent> alertFollower, StatusOutbox statusOutbox,
                          TaskWriter dispatcherTaskWriter, CommittedEnds committedEnds,
                          KafkaTemplate<String, SpecificRecord> dispatcherStatusTemplate,
                          Topics topics, KafkaClientDefaults clients, Environment environment,
                          DispatcherProperties properties, ObjectProvider<MeterRegistry> meters,
                          InstanceIdentity identity, InstanceLease lease, Recovery recovery) {
    DispatcherProperties.Sending sending = properties.dispatcher().sending();
    DispatcherProperties.Failover failover = sending.failover();
    CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
        .failureRateThreshold(failover.failureRateThreshold())
        .slidingWindowSize(failover.slidingWindowSize())
        .minimumNumberOfCalls(failover.minimumNumberOfCalls())
        .waitDurationInOpenState(failover.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(failover.permittedCallsInHalfOpenState())
        .build();
    SendingSettings settings = new SendingSettings(sending.maxAttempts(),
        sending.firstRetryDelay(), sending.maxRetryDelay(), sending.inFlightWindow(),
        sending.maxUnfinishedPerLane(), breaker);
    String groupIdPrefix = sending.groupIdPrefix() != null ? sending.groupIdPrefix()
        : DispatcherNames.application(environment) + "-send";
    CompletableFuture<Void> ready = CompletableFuture.allOf(directoryFollower.caughtUp(),
        alertFollower.caughtUp(), ledgerFollower.caughtUp(), lease.acquired());
    Map<String, Object> consumerConfig = clients.consumer(groupIdPrefix);
    consumerConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        DispatcherNames.application(environment) + "-" + identity.id() + "-send");
    Runnable alertsRead = () -> {
      try {
        alertFollower.awaitRead(committedEnds.of(topics.alerts().name()),
            clients.timeouts().defaultApi());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading the alerts", e);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot read the alerts topic up to its end", e);
      }
    };
    return new SendingLoop(gateways, directory, alerts, ledger, ledgerFollower, statusOutbox,
        dispatcherTaskWriter, alertsRead, dispatcherStatusTemplate, topics, consumerConfig,
        groupIdPrefix, settings, ready, meters.getIfAvailable(SimpleMeterRegistry::new),
        sending.alertGrace(), recovery);
  }
}
