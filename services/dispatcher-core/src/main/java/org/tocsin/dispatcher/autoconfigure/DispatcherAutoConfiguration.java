package org.tocsin.dispatcher.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.FanOut;
import org.tocsin.dispatcher.health.DispatcherHealthIndicator;
import org.tocsin.dispatcher.health.KafkaBrokerHealthIndicator;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcher.sending.SendingSettings;
import org.tocsin.dispatcher.status.ForeignStatusDeserializer;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.autoconfigure.KafkaWorkersAutoConfiguration;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.health.KafkaWorkersHealthIndicator;
import org.tocsin.kafka.health.ListenerContainerStatus;
import org.tocsin.kafka.identity.InstanceIdentity;
import org.tocsin.kafka.identity.InstanceLease;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantiningErrorHandler;
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
public class DispatcherAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DispatcherAutoConfiguration.class);
  /** Followers start before, and stop after, the fan-out and the sending loop. */
  private static final int FOLLOWER_PHASE = SmartLifecycle.DEFAULT_PHASE - 200;

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
    String application = applicationName(environment);
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
                                                     Topics topics, KafkaClientDefaults clients,
                                                     Environment environment,
                                                     Recovery recovery) {
    String name = clientId(environment, "directory");
    return new TopicFollower<>(name, clients.consumer(name), topics.subscriptions(),
        CompletableFuture.completedFuture(null), () -> TopicFollower.BEGINNING,
        records -> {
          List<SubscriberDirectory.Change> changes = new ArrayList<>(records.count());
          for (ConsumerRecord<String, SubscriberChanged> record : records) {
            if (record.key() != null) {
              changes.add(new SubscriberDirectory.Change(record.key(), record.value()));
            }
          }
          directory.apply(changes);
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
    String name = clientId(environment, "alerts");
    return new TopicFollower<>(name, clients.consumer(name),
        topics.alerts(), CompletableFuture.completedFuture(null), () -> TopicFollower.BEGINNING,
        records -> records.forEach(record -> {
          if (record.value() != null) {
            alerts.record(record.value());
          }
        }), FOLLOWER_PHASE, recovery);
  }

  @Bean
  SendLedger sendLedger(DispatcherProperties properties) {
    return new SendLedger(properties.dispatcher().sending().alertGrace());
  }

  @Bean
  TopicFollower<DeliveryStatus> ledgerFollower(SendLedger ledger, AlertStates alerts,
                                               TopicFollower<AlertEvent> alertFollower,
                                               StatusOrigin origin,
                                               ChannelGateways gateways, Topics topics,
                                               KafkaClientDefaults clients,
                                               Environment environment,
                                               DispatcherProperties properties,
                                               Recovery recovery) {
    Duration grace = properties.dispatcher().sending().alertGrace();
    Channel channel = gateways.channel();
    String name = clientId(environment, "ledger");
    return new TopicFollower<>(name, clients.consumer(name), topics.deliveryStatus(), new ForeignStatusDeserializer(origin.name()),
        alertFollower.caughtUp(),
        () -> {
          Instant from = alerts.earliestSentInForce(Instant.now(), grace);
          log.info("Reading the send ledger of {} from {}", channel, from);
          return from.toEpochMilli();
        },
        records -> records.forEach(record -> {
          DeliveryStatus status = record.value();
          if (status != null && status.getChannel() == channel
              && status.getOutcome() != DeliveryOutcome.FANNED_OUT) {
            ledger.record(status);
          }
        }), FOLLOWER_PHASE, recovery);
  }

  @Bean
  KafkaTemplate<String, SpecificRecord> dispatcherStatusTemplate(KafkaClientDefaults clients,
                                                                 Environment environment) {
    Map<String, Object> config = clients.producer(clientId(environment, "status"));
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
        new EventSerializer<>()));
  }

  @Bean
  KafkaTemplate<String, SpecificRecord> dispatcherFanOutTemplate(
      KafkaClientDefaults clients, Environment environment, InstanceIdentity identity) {
    Map<String, Object> config =
        clients.transactionalProducer(clientId(environment, "fan-out"), null);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A chunk's transaction often starts while the previous one's markers are still being
    // written (CONCURRENT_TRANSACTIONS): retry that quickly rather than after 100 ms.
    config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
    DefaultKafkaProducerFactory<String, SpecificRecord> factory =
        new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new EventSerializer<>());
    factory.setTransactionIdPrefix(applicationName(environment) + "-"
        + identity.id() + "-fan-out-");
    return new KafkaTemplate<>(factory);
  }

  /** Names this process run in the statuses it writes. */
  record StatusOrigin(String name) {
  }

  @Bean
  StatusOrigin statusOrigin(Environment environment, InstanceIdentity identity) {
    return new StatusOrigin(applicationName(environment) + "/" + identity.id() + "/"
        + UUID.randomUUID());
  }

  @Bean
  StatusPublisher statusPublisher(KafkaTemplate<String, SpecificRecord> dispatcherStatusTemplate,
                                  Topics topics, StatusOrigin origin) {
    return new StatusPublisher(dispatcherStatusTemplate, topics.deliveryStatus(), origin.name());
  }

  @Bean
  FanOut fanOut(ChannelGateways gateways, SubscriberDirectory directory,
                KafkaTemplate<String, SpecificRecord> dispatcherFanOutTemplate, Topics topics,
                DispatcherProperties properties, ObjectProvider<MeterRegistry> meters) {
    return new FanOut(gateways.channel(), directory, dispatcherFanOutTemplate, topics,
        properties.dispatcher().fanOut().chunkSize(),
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  ConcurrentMessageListenerContainer<String, AlertEvent> fanOutContainer(
      FanOut fanOut, Topics topics, KafkaClientDefaults clients, Environment environment,
      DispatcherProperties properties, TopicFollower<SubscriberChanged> directoryFollower,
      InstanceIdentity identity, InstanceLease lease, Quarantine quarantine) {
    Map<String, Object> config = clients.consumer(clientId(environment, "fan-out"));
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    // Static membership: a restarted instance takes its partitions back at once instead of
    // waiting for the session of its crashed predecessor to expire.
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        applicationName(environment) + "-" + identity.id() + "-fan-out");
    DefaultKafkaConsumerFactory<String, AlertEvent> consumers = new DefaultKafkaConsumerFactory<>(
        config, new StringDeserializer(),
        new ErrorHandlingDeserializer<>(new EventDeserializer<>(AlertEvent.class)));
    ContainerProperties container = new ContainerProperties(topics.alerts().name());
    String configuredGroup = properties.dispatcher().fanOut().groupId();
    String groupId = configuredGroup != null ? configuredGroup
        : applicationName(environment) + "-fan-out";
    container.setGroupId(groupId);
    container.setClientId(clientId(environment, "fan-out"));
    // Offsets are committed by the fan-out's own transactions, never by the container.
    container.setAckMode(ContainerProperties.AckMode.MANUAL);
    container.setMessageListener(fanOut);
    ConcurrentMessageListenerContainer<String, AlertEvent> listener =
        new ConcurrentMessageListenerContainer<>(consumers, container);
    quarantine.expect(topics.alerts().name(), groupId);
    listener.setCommonErrorHandler(QuarantiningErrorHandler.create(quarantine, groupId,
        failure -> false, QuarantiningErrorHandler.outageBackOff(), 3));
    listener.setAutoStartup(false);
    CompletableFuture.allOf(directoryFollower.caughtUp(), lease.acquired()).thenRun(() -> {
      log.info("Directory restored and instance id held: fan-out starts");
      listener.start();
    });
    return listener;
  }

  @Bean
  ListenerContainerStatus fanOutContainerStatus(
      ConcurrentMessageListenerContainer<String, AlertEvent> fanOutContainer) {
    return new ListenerContainerStatus("fan-out", fanOutContainer);
  }

  @Bean
  SendingLoop sendingLoop(ChannelGateways gateways, SubscriberDirectory directory,
                          AlertStates alerts, SendLedger ledger,
                          TopicFollower<DeliveryStatus> ledgerFollower,
                          TopicFollower<SubscriberChanged> directoryFollower,
                          TopicFollower<AlertEvent> alertFollower, StatusPublisher statuses,
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
        : applicationName(environment) + "-send";
    CompletableFuture<Void> ready = CompletableFuture.allOf(directoryFollower.caughtUp(),
        alertFollower.caughtUp(), ledgerFollower.caughtUp(), lease.acquired());
    Map<String, Object> consumerConfig = clients.consumer(groupIdPrefix);
    consumerConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        applicationName(environment) + "-" + identity.id() + "-send");
    return new SendingLoop(gateways, directory, alerts, ledger, ledgerFollower, statuses,
        dispatcherStatusTemplate, topics, consumerConfig, groupIdPrefix,
        settings, ready, meters.getIfAvailable(SimpleMeterRegistry::new), sending.alertGrace(),
        recovery);
  }

  @Bean
  DispatcherHealthIndicator dispatcherHealthIndicator(
      SubscriberDirectory directory, TopicFollower<SubscriberChanged> directoryFollower,
      SendLedger ledger, SendingLoop sending) {
    return new DispatcherHealthIndicator(directory, directoryFollower, ledger, sending);
  }

  @Bean
  KafkaBrokerHealthIndicator kafkaBrokerHealthIndicator(KafkaClientDefaults clients,
                                                        Environment environment) {
    return new KafkaBrokerHealthIndicator(clients.admin(clientId(environment, "health")),
        Duration.ofSeconds(3));
  }

  /** Every Kafka worker of the dispatcher, in the readiness group as {@code kafkaWorkers}. */
  @Bean
  KafkaWorkersHealthIndicator kafkaWorkersHealthIndicator(
      InstanceLease lease, TopicFollower<SubscriberChanged> directoryFollower,
      TopicFollower<AlertEvent> alertFollower, TopicFollower<DeliveryStatus> ledgerFollower,
      ListenerContainerStatus fanOutContainerStatus, SendingLoop sending) {
    return new KafkaWorkersHealthIndicator(() -> {
      List<WorkerStatus> workers = new ArrayList<>(List.of(lease, directoryFollower,
          alertFollower, ledgerFollower, fanOutContainerStatus));
      workers.addAll(sending.workers());
      return workers;
    });
  }

  private static String applicationName(Environment environment) {
    return environment.getProperty("spring.application.name", "tocsin-dispatcher");
  }

  private static String clientId(Environment environment, String role) {
    return applicationName(environment) + "-" + role;
  }

  private static Path stateDirectory(DispatcherProperties properties, Environment environment) {
    Path configured = properties.dispatcher().stateDirectory();
    return configured != null ? configured
        : Path.of(System.getProperty("user.home"), ".tocsin", applicationName(environment));
  }
}
