package org.tocsin.dispatcher.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.FanOut;
import org.tocsin.dispatcher.fanout.FanOutTargets;
import org.tocsin.dispatcher.fanout.LanePriority;
import org.tocsin.dispatcher.fanout.TaskWriter;
import org.tocsin.dispatcher.late.AlertOwnership;
import org.tocsin.dispatcher.late.LateSubscribers;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.health.ListenerContainerStatus;
import org.tocsin.kafka.identity.InstanceIdentity;
import org.tocsin.kafka.identity.InstanceLease;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantiningErrorHandler;

/**
 * The fan-out: one listener container per lane, each in its own consumer group with its own
 * transactional producer, so that the two lanes' fan-outs run side by side; the late
 * subscribers of the alerts each instance fans out.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FanOutConfiguration.class);

  /** The partitions of the alerts topic each lane's container holds now. */
  static final class FanOutAssignments implements AlertOwnership {

    private final Map<Lane, Set<Integer>> partitions = new EnumMap<>(Lane.class);

    FanOutAssignments() {
      for (Lane lane : Lane.values()) {
        partitions.put(lane, ConcurrentHashMap.newKeySet());
      }
    }

    @Override
    public boolean owns(Lane lane, int partition) {
      return partitions.get(lane).contains(partition);
    }

    void assigned(Lane lane, Collection<TopicPartition> assigned) {
      assigned.forEach(partition -> partitions.get(lane).add(partition.partition()));
    }

    void revoked(Lane lane, Collection<TopicPartition> revoked) {
      revoked.forEach(partition -> partitions.get(lane).remove(partition.partition()));
    }
  }

  @Bean
  FanOutAssignments fanOutAssignments() {
    return new FanOutAssignments();
  }

  @Bean
  LanePriority fanOutLanePriority() {
    return new LanePriority();
  }

  /** Writes single tasks (late subscribers, corrections): idempotent, acks=all. */
  @Bean
  TaskWriter dispatcherTaskWriter(KafkaClientDefaults clients, Environment environment,
                                  Topics topics) {
    return new TaskWriter(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
        clients.producer(DispatcherNames.client(environment, "tasks")), new StringSerializer(),
        new EventSerializer<>())), topics);
  }

  @Bean
  LateSubscribers lateSubscribers(ChannelGateways gateways, SubscriberDirectory directory,
                                  AlertStates alerts, TaskWriter dispatcherTaskWriter,
                                  FanOutAssignments fanOutAssignments,
                                  DispatcherProperties properties) {
    return new LateSubscribers(gateways.channel(), directory, alerts, dispatcherTaskWriter,
        fanOutAssignments, properties.dispatcher().lateSubscribers().lookBack());
  }

  /** Late subscribers are checked once the directory, the alerts and the ledger are read. */
  @Bean
  InitializingBean lateSubscribersOnceRead(LateSubscribers late,
                                           TopicFollower<SubscriberChanged> directoryFollower,
                                           TopicFollower<AlertEvent> alertFollower,
                                           TopicFollower<LedgerEntry> ledgerFollower,
                                           InstanceLease lease) {
    return () -> CompletableFuture.allOf(directoryFollower.caughtUp(), alertFollower.caughtUp(),
        ledgerFollower.caughtUp(), lease.acquired()).thenRun(() -> {
          log.info("Directory, alerts in force and send ledger read: late subscribers are "
              + "checked");
          late.startChecking();
        });
  }

  @Bean
  FanOutTargets fanOutTargets(SubscriberDirectory directory, SendLedger ledger,
                              TopicFollower<LedgerEntry> ledgerFollower,
                              DispatcherProperties properties) {
    Duration wait = properties.dispatcher().fanOut().ledgerWait();
    return new FanOutTargets(directory, ledger, () -> {
      try {
        ledgerFollower.awaitEverythingCommittedNow(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (TimeoutException | RuntimeException e) {
        log.warn("The send ledger has not read every status stored so far within {}: a "
            + "correction goes to those it knows of, and to the others once their statuses "
            + "are stored ({})", wait, e.toString());
      }
    });
  }

  @Bean
  ConcurrentMessageListenerContainer<String, AlertEvent> fanOutHighContainer(
      FanOutParts parts) {
    return parts.container(Lane.HIGH);
  }

  @Bean
  ConcurrentMessageListenerContainer<String, AlertEvent> fanOutNormalContainer(
      FanOutParts parts) {
    return parts.container(Lane.NORMAL);
  }

  @Bean
  ListenerContainerStatus fanOutHighContainerStatus(
      ConcurrentMessageListenerContainer<String, AlertEvent> fanOutHighContainer) {
    return new ListenerContainerStatus("fan-out-high", fanOutHighContainer);
  }

  @Bean
  ListenerContainerStatus fanOutNormalContainerStatus(
      ConcurrentMessageListenerContainer<String, AlertEvent> fanOutNormalContainer) {
    return new ListenerContainerStatus("fan-out-normal", fanOutNormalContainer);
  }

  @Bean
  FanOutParts fanOutParts(ChannelGateways gateways, FanOutTargets targets, AlertStates alerts,
                          Topics topics, KafkaClientDefaults clients, Environment environment,
                          DispatcherProperties properties, LanePriority priority,
                          StatusOutbox statusOutbox, ObjectProvider<MeterRegistry> meters,
                          InstanceIdentity identity, InstanceLease lease, Quarantine quarantine,
                          TopicFollower<SubscriberChanged> directoryFollower,
                          FanOutAssignments assignments, LateSubscribers late) {
    return new FanOutParts(gateways, targets, alerts, topics, clients, environment, properties,
        priority, statusOutbox, meters.getIfAvailable(SimpleMeterRegistry::new), identity,
        lease, quarantine, directoryFollower, assignments, late);
  }

  /** What the two lanes' containers are built from. */
  record FanOutParts(ChannelGateways gateways, FanOutTargets targets, AlertStates alerts,
                     Topics topics, KafkaClientDefaults clients, Environment environment,
                     DispatcherProperties properties, LanePriority priority,
                     StatusOutbox statusOutbox, MeterRegistry meters, InstanceIdentity identity,
                     InstanceLease lease, Quarantine quarantine,
                     TopicFollower<SubscriberChanged> directoryFollower,
                     FanOutAssignments assignments, LateSubscribers late) {

    ConcurrentMessageListenerContainer<String, AlertEvent> container(Lane lane) {
      String laneName = lane.name().toLowerCase();
      String application = DispatcherNames.application(environment);
      String clientId = DispatcherNames.client(environment, "fan-out-" + laneName);
      FanOut fanOut = new FanOut(lane, gateways.channel(), targets, alerts, producer(lane),
          topics, properties.dispatcher().fanOut().chunkSize(), priority, statusOutbox, meters);
      Map<String, Object> config = clients.consumer(clientId);
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
      config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
      // Static membership: a restarted instance takes its partitions back at once instead of
      // waiting for the session of its crashed predecessor to expire.
      config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          application + "-" + identity.id() + "-fan-out-" + laneName);
      DefaultKafkaConsumerFactory<String, AlertEvent> consumers =
          new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
              new ErrorHandlingDeserializer<>(new EventDeserializer<>(AlertEvent.class)));
      ContainerProperties container = new ContainerProperties(topics.alerts().name());
      String prefix = properties.dispatcher().fanOut().groupId();
      String groupId = (prefix != null ? prefix : application + "-fan-out") + "-" + laneName;
      container.setGroupId(groupId);
      container.setClientId(clientId);
      // Offsets are committed by the fan-out's own transactions, never by the container.
      container.setAckMode(ContainerProperties.AckMode.MANUAL);
      container.setMessageListener(fanOut);
      container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer,
                                         Collection<TopicPartition> partitions) {
          assignments.assigned(lane, partitions);
          late.assigned(lane, partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer,
                                                    Collection<TopicPartition> partitions) {
          assignments.revoked(lane, partitions);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer,
                                     Collection<TopicPartition> partitions) {
          assignments.revoked(lane, partitions);
        }
      });
      ConcurrentMessageListenerContainer<String, AlertEvent> listener =
          new ConcurrentMessageListenerContainer<>(consumers, container);
      quarantine.expect(topics.alerts().name(), groupId);
      listener.setCommonErrorHandler(QuarantiningErrorHandler.create(quarantine, groupId,
          failure -> false, QuarantiningErrorHandler.outageBackOff(), 3));
      listener.setAutoStartup(false);
      CompletableFuture.allOf(directoryFollower.caughtUp(), lease.acquired()).thenRun(() -> {
        log.info("Directory restored and instance id held: the {} lane's fan-out starts", lane);
        listener.start();
      });
      return listener;
    }

    private KafkaTemplate<String, SpecificRecord> producer(Lane lane) {
      String laneName = lane.name().toLowerCase();
      Map<String, Object> config = clients.transactionalProducer(
          DispatcherNames.client(environment, "fan-out-" + laneName), null);
      config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
      config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
      config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      // A chunk's transaction often starts while the previous one's markers are still being
      // written (CONCURRENT_TRANSACTIONS): retry that quickly rather than after 100 ms.
      config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
      DefaultKafkaProducerFactory<String, SpecificRecord> factory =
          new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
              new EventSerializer<>());
      factory.setTransactionIdPrefix(DispatcherNames.application(environment) + "-"
          + identity.id() + "-fan-out-" + laneName + "-");
      return new KafkaTemplate<>(factory);
    }
  }
}
