package org.tocsin.deliverytracker;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.deliverytracker.deadletter.DeadLetterRecords;
import org.tocsin.deliverytracker.deadletter.DeadLetterReplay;
import org.tocsin.deliverytracker.deadletter.DeadLetters;
import org.tocsin.deliverytracker.deadletter.KafkaDeadLetterRecords;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.ingest.Ingest;
import org.tocsin.deliverytracker.ingest.IngestWorker;
import org.tocsin.deliverytracker.ingest.LoggedUndecodableRecords;
import org.tocsin.deliverytracker.live.Monitor;
import org.tocsin.deliverytracker.lookup.RecipientLookup;
import org.tocsin.deliverytracker.metrics.TrackerMetrics;
import org.tocsin.deliverytracker.quarantine.QuarantineView;
import org.tocsin.deliverytracker.store.TrackerStore;
import org.tocsin.deliverytracker.warnings.LaneBacklogs;
import org.tocsin.deliverytracker.warnings.WarningRules;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;

/** The tracker's parts: its state, the ingest that fills it, the monitor that watches it. */
@Configuration(proxyBeanMethods = false)
class TrackerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Topics topics(TrackerTopics properties) {
    return new Topics(properties.topics());
  }

  /** The topics the tracker reads, created when missing (as every dispatcher does too). */
  @Bean
  KafkaAdmin.NewTopics trackerTopics(Topics topics, TrackerProperties properties,
                                     @Value("${tocsin.tracker.quarantine-topic:tocsin.quarantine.v1}")
                                     String quarantineTopic) {
    List<NewTopic> all = new ArrayList<>();
    for (Topic<String, ?> topic : topics.all()) {
      all.add(topic.newTopic(properties.topicPartitions(), properties.replicationFactor()));
    }
    all.add(TopicBuilder.name(quarantineTopic).partitions(properties.topicPartitions())
        .replicas(properties.replicationFactor())
        .config("retention.ms", String.valueOf(7L * 24 * 3600 * 1000)).build());
    return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
  }

  @Bean
  DeliveryState deliveryState(TrackerProperties properties) {
    return new DeliveryState(new Deliveries(properties.finalStatusChannels()));
  }

  @Bean
  TrackerStore trackerStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
    return new TrackerStore(jdbc, transactions);
  }

  @Bean
  Ingest ingest(KafkaProperties kafka, Topics topics, DeliveryState state, TrackerStore store,
                TrackerProperties properties, MeterRegistry meters, Clock clock,
                @Value("${tocsin.tracker.quarantine-topic:tocsin.quarantine.v1}")
                String quarantineTopic) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "delivery-tracker-ingest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    return new Ingest(() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer()), topics, quarantineTopic, state, store,
        new LoggedUndecodableRecords(meters), properties.checkpointInterval(), clock);
  }

  @Bean(destroyMethod = "close")
  Producer<byte[], byte[]> replayProducer(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "delivery-tracker-replay");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Bean
  DeadLetterReplay deadLetterReplay(KafkaProperties kafka, Producer<byte[], byte[]> producer,
                                    DeadLetters letters, DeliveryState state, Topics topics,
                                    TransactionTemplate transactions, Clock clock) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "delivery-tracker-replay");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    DeadLetterRecords records = new KafkaDeadLetterRecords(() -> new KafkaConsumer<>(config,
        new ByteArrayDeserializer(), new ByteArrayDeserializer()), producer,
        Duration.ofSeconds(10));
    return new DeadLetterReplay(letters, records, state, topics, transactions, clock);
  }

  @Bean
  RecipientLookup recipientLookup(KafkaProperties kafka, Topics topics, DeliveryState state,
                                  JdbcTemplate jdbc, TrackerProperties properties, Clock clock) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "delivery-tracker-lookup");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new RecipientLookup(() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer()), topics, state, jdbc, properties.lookup(), clock);
  }

  @Bean
  IngestWorker ingestWorker(Ingest ingest) {
    return new IngestWorker(ingest);
  }

  @Bean
  Monitor monitor(DeliveryState state, TrackerProperties properties, Ingest ingest,
                  QuarantineView quarantine, Clock clock) {
    return new Monitor(state, new WarningRules(properties.warnings(), properties.channels()),
        new LaneBacklogs(properties.warnings().laneGrowthWindow().toMillis()),
        quarantine::countsBySourceTopic, ingest.progress(),
        properties.warnings().providerWindow(), clock);
  }

  @Bean
  TrackerMetrics trackerMetrics(Monitor monitor, MeterRegistry meters) {
    TrackerMetrics metrics = new TrackerMetrics(meters);
    monitor.listen(metrics::record);
    return metrics;
  }

  @Bean
  MonitorTicks monitorTicks(Monitor monitor) {
    return new MonitorTicks(monitor);
  }

  /** Ticks the monitor once a second. */
  static final class MonitorTicks {

    private final Monitor monitor;

    MonitorTicks(Monitor monitor) {
      this.monitor = monitor;
    }

    @Scheduled(fixedDelayString = "${tocsin.tracker.monitor-interval:1s}")
    void tick() {
      monitor.tick();
    }
  }
}
