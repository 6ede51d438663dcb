package org.tocsin.dispatcher.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.health.DispatcherHealthIndicator;
import org.tocsin.dispatcher.health.KafkaBrokerHealthIndicator;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.autoconfigure.KafkaWorkersAutoConfiguration;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.health.KafkaWorkersHealthIndicator;
import org.tocsin.kafka.health.ListenerContainerStatus;
import org.tocsin.kafka.identity.InstanceIdentity;
import org.tocsin.kafka.identity.InstanceLease;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.RestartBackOff;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * Everything a channel dispatcher needs around its provider adapter: give the application a
 * {@link ChannelGateways} bean and this configures the directory, the followers of the alerts
 * and delivery-status topics, the fan-out, the sending loop, health and metrics.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, KafkaWorkersAutoConfiguration.class})
@ConditionalOnBean(ChannelGateways.class)
@EnableConfigurationProperties(DispatcherProperties.class)
@Import({FollowerConfiguration.class, SendingConfiguration.class, FanOutConfiguration.class})
public class DispatcherAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DispatcherAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Topics topics(DispatcherProperties properties) {
    return new Topics(properties.topics());
  }

  @Bean
  KafkaAdmin.NewTopics dispatcherTopics(Topics topics, ChannelGateways gateways,
                                        DispatcherProperties properties) {
    List<NewTopic> definitions = new ArrayList<>();
    short replication = properties.dispatcher().topicReplicationFactor();
    for (Topic<String, ?> topic : topics.forChannel(gateways.channel())) {
      definitions.add(topic.newTopic(properties.dispatcher().topicPartitions(), replication));
    }
    definitions.add(topics.quarantine().newTopic(properties.dispatcher().topicPartitions(),
        replication));
    // One partition: the lease of an instance id (see InstanceLease).
    definitions.add(topics.instanceLeases().newTopic(1, replication));
    return new KafkaAdmin.NewTopics(definitions.toArray(NewTopic[]::new));
  }

  @Bean
  InstanceIdentity dispatcherInstanceIdentity(DispatcherProperties properties,
                                              Environment environment) {
    String configured = properties.dispatcher().instanceId();
    InstanceIdentity identity = configured != null && !configured.isBlank()
        ? InstanceIdentity.configured(configured)
        : InstanceIdentity.keptIn(stateDirectory(properties, environment));
    if (identity.source() == InstanceIdentity.Source.THIS_RUN_ONLY) {
      log.warn("Cannot keep an instance id in {}: using {} for this run only. Configure "
          + "tocsin.dispatcher.instance-id or a writable tocsin.dispatcher.state-directory, so "
          + "that a restarted instance fences its predecessor's transactions at once",
          stateDirectory(properties, environment), identity.id());
    } else {
      log.info("Instance id {}", identity);
    }
    return identity;
  }

  @Bean
  InstanceLease dispatcherInstanceLease(InstanceIdentity identity, Topics topics,
                                        KafkaClientDefaults clients, RestartBackOff restart,
                                        Environment environment,
                                        DispatcherProperties properties) {
    String application = DispatcherNames.application(environment);
    String holder = application + "-" + ProcessHandle.current().pid();
    return new InstanceLease(identity.id(), topics.instanceLeases().name(),
        application + ".lease." + identity.id(), holder, clients.consumer(holder),
        clients.admin(holder), properties.dispatcher().lease().sessionTimeout(), restart);
  }

  @Bean
  Recovery dispatcherRecovery(Quarantine quarantine, RestartBackOff restart) {
    return new Recovery(quarantine, restart);
  }

  @Bean
  DispatcherHealthIndicator dispatcherHealthIndicator(
      SubscriberDirectory directory, TopicFollower<SubscriberChanged> directoryFollower,
      SendLedger ledger, SendingLoop sending, StatusOutbox statusOutbox) {
    return new DispatcherHealthIndicator(directory, directoryFollower, ledger, sending,
        statusOutbox);
  }

  @Bean
  KafkaBrokerHealthIndicator kafkaBrokerHealthIndicator(KafkaClientDefaults clients,
                                                        Environment environment) {
    return new KafkaBrokerHealthIndicator(clients.admin(DispatcherNames.client(environment, "health")),
        Duration.ofSeconds(3));
  }

  /** Every Kafka worker of the dispatcher, in the readiness group as {@code kafkaWorkers}. */
  @Bean
  KafkaWorkersHealthIndicator kafkaWorkersHealthIndicator(
      InstanceLease lease, TopicFollower<SubscriberChanged> directoryFollower,
      TopicFollower<AlertEvent> alertFollower, TopicFollower<LedgerEntry> ledgerFollower,
      ListenerContainerStatus fanOutHighContainerStatus,
      ListenerContainerStatus fanOutNormalContainerStatus, SendingLoop sending) {
    return new KafkaWorkersHealthIndicator(() -> {
      List<WorkerStatus> workers = new ArrayList<>(List.of(lease, directoryFollower,
          alertFollower, ledgerFollower, fanOutHighContainerStatus,
          fanOutNormalContainerStatus));
      workers.addAll(sending.workers());
      return workers;
    });
  }

  private static Path stateDirectory(DispatcherProperties properties, Environment environment) {
    Path configured = properties.dispatcher().stateDirectory();
    return configured != null ? configured
        : Path.of(System.getProperty("user.home"), ".tocsin", DispatcherNames.application(environment));
  }
}
