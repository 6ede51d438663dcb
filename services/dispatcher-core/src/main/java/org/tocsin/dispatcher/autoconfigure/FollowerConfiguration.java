package org.tocsin.dispatcher.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.late.LateSubscribers;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.status.LedgerStatusDeserializer;
import org.tocsin.dispatcher.topic.CommittedEnds;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.identity.InstanceIdentity;
import org.tocsin.kafka.worker.Recovery;

/**
 * What a dispatcher reads to know the world: the directory from the subscriptions topic, the
 * alerts in force, and the send ledger from the delivery-status topic.
 */
@Configuration(proxyBeanMethods = false)
class FollowerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FollowerConfiguration.class);
  /** Followers start before, and stop after, the fan-out and the sending loop. */
  static final int FOLLOWER_PHASE = SmartLifecycle.DEFAULT_PHASE - 200;

  /** Names this process run in the statuses it writes. */
  record StatusOrigin(String name) {
  }

  @Bean
  StatusOrigin statusOrigin(Environment environment, InstanceIdentity identity) {
    return new StatusOrigin(DispatcherNames.application(environment) + "/" + identity.id() + "/"
        + UUID.randomUUID());
  }

  @Bean
  SubscriberDirectory subscriberDirectory(ChannelGateways gateways,
                                          ObjectProvider<MeterRegistry> meters) {
    SubscriberDirectory directory = new SubscriberDirectory(gateways.channel());
    Gauge.builder("tocsin.dispatcher.directory.subscribers", directory,
            SubscriberDirectory::size)
        .description("Subscribers in the directory (with a verified contact of the channel)")
        .tag("channel", gateways.channel().name())
        .register(meters.getIfAvailable(SimpleMeterRegistry::new));
    return directory;
  }

  @Bean
  TopicFollower<SubscriberChanged> directoryFollower(SubscriberDirectory directory,
                                                     LateSubscribers lateSubscribers,
                                                     Topics topics, KafkaClientDefaults clients,
                                                     Environment environment,
                                                     Recovery recovery) {
    String name = DispatcherNames.client(environment, "directory");
    return new TopicFollower<>(name, clients.consumer(name), topics.subscriptions(),
        CompletableFuture.completedFuture(null), () -> TopicFollower.BEGINNING,
        records -> {
          List<SubscriberDirectory.Change> changes = new ArrayList<>(records.count());
          List<String> changed = new ArrayList<>(records.count());
          for (ConsumerRecord<String, SubscriberChanged> record : records) {
            if (record.key() != null) {
              changes.add(new SubscriberDirectory.Change(record.key(), record.value(),
                  record.timestamp()));
              changed.add(record.key());
            }
          }
          directory.apply(changes);
          lateSubscribers.changed(changed);
        }, FOLLOWER_PHASE, recovery);
  }

  @Bean
  AlertStates alertStates() {
    return new AlertStates();
  }

  @Bean
  TopicFollower<AlertEvent> alertFollower(AlertStates alerts, Topics topics,
                                          KafkaClientDefaults clients, Environment environment,
                                          Recovery recovery) {
    String name = DispatcherNames.client(environment, "alerts");
    return new TopicFollower<>(name, clients.consumer(name),
        topics.alerts(), CompletableFuture.completedFuture(null), () -> TopicFollower.BEGINNING,
        records -> records.forEach(record -> {
          if (record.value() != null) {
            alerts.record(record.value(), record.partition());
          }
        }), FOLLOWER_PHASE, recovery);
  }

  @Bean
  SendLedger sendLedger(DispatcherProperties properties) {
    return new SendLedger(properties.dispatcher().sending().alertGrace());
  }

  /**
   * Reads, from the oldest alert in force on, only this channel's statuses, and of them only
   * what the ledger keeps (see {@link LedgerStatusDeserializer}).
   */
  @Bean
  TopicFollower<LedgerEntry> ledgerFollower(SendLedger ledger, AlertStates alerts,
                                            TopicFollower<AlertEvent> alertFollower,
                                            StatusOrigin origin, ChannelGateways gateways,
                                            Topics topics, KafkaClientDefaults clients,
                                            Environment environment,
                                            DispatcherProperties properties,
                                            Recovery recovery) {
    Duration grace = properties.dispatcher().sending().alertGrace();
    Channel channel = gateways.channel();
    String name = DispatcherNames.client(environment, "ledger");
    return new TopicFollower<>(name, clients.consumer(name), topics.deliveryStatus(),
        new LedgerStatusDeserializer(channel, origin.name()), alertFollower.caughtUp(),
        () -> {
          Instant from = alerts.earliestSentInForce(Instant.now(), grace);
          log.info("Reading the send ledger of {} from {}", channel, from);
          return from.toEpochMilli();
        },
        records -> records.forEach(record -> {
          if (record.value() != null) {
            ledger.record(record.value());
          }
        }), FOLLOWER_PHASE, recovery);
  }

  @Bean
  CommittedEnds dispatcherCommittedEnds(KafkaClientDefaults clients, Environment environment) {
    return new CommittedEnds(clients.admin(DispatcherNames.client(environment, "ends")),
        clients.timeouts().defaultApi());
  }
}
