package org.tocsin.deliverytracker.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.store.Checkpoint;
import org.tocsin.deliverytracker.store.TrackerStore;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Reads every topic the tracker counts from, on one thread, and applies each record to the
 * {@link Deliveries}; every checkpoint interval it stores what changed together with the
 * offsets reached, so that a restart goes on from exactly there. It assigns itself every
 * partition (no consumer group: the offsets live with the figures) and picks up new topics and
 * partitions as they appear.
 */
public final class Ingest {

  private static final Logger log = LoggerFactory.getLogger(Ingest.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(15);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final TopicKinds kinds;
  private final DeliveryState state;
  private final TrackerStore store;
  private final UndecodableRecords undecodable;
  private final Duration checkpointInterval;
  private final Clock clock;
  private final RecordDecoding decoding = new RecordDecoding();
  private final IngestProgress progress = new IngestProgress();

  private Checkpointer checkpointer;
  private Map<TopicPartition, Long> startEnds = Map.of();

  /**
   * @param consumers makes the consumer (byte arrays, read_committed, no group, no auto-commit)
   * @param quarantineTopic the quarantine's topic, whose records' metadata is listed
   */
  public Ingest(Supplier<Consumer<byte[], byte[]>> consumers, Topics topics,
                String quarantineTopic, DeliveryState state, TrackerStore store,
                UndecodableRecords undecodable, Duration checkpointInterval, Clock clock) {
    this.consumers = consumers;
    this.kinds = new TopicKinds(topics, quarantineTopic);
    this.state = state;
    this.store = store;
    this.undecodable = undecodable;
    this.checkpointInterval = checkpointInterval;
    this.clock = clock;
  }

  public IngestProgress progress() {
    return progress;
  }

  /** Loads the stored state; call once before {@link #run}. */
  public void restore() {
    long started = System.nanoTime();
    state.update(deliveries -> checkpointer = new Checkpointer(store.load(deliveries)));
    log.info("Restored the tracker's state in {} ms",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /**
   * Reads until {@code running} turns false or the consumer is woken up.
   *
   * @param onConsumer receives the consumer as soon as it exists, to wake it up on stop
   */
  public void run(java.util.function.BooleanSupplier running,
                  java.util.function.Consumer<Consumer<byte[], byte[]>> onConsumer) {
    if (checkpointer == null) {
      restore();
    }
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      onConsumer.accept(consumer);
      Map<TopicPartition, Long> offsets = new HashMap<>(store.offsets());
      assign(consumer, offsets);
      startEnds = consumer.endOffsets(consumer.assignment());
      progress.started(startEnds);
      long nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
      long nextRefresh = System.nanoTime() + REFRESH_PARTITIONS.toNanos();
      while (running.getAsBoolean()) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          break;
        }
        if (!records.isEmpty()) {
          long arrived = clock.millis();
          state.update(deliveries -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
              apply(deliveries, record, arrived);
            }
          });
          progress.read(records.count());
        }
        if (System.nanoTime() >= nextCheckpoint) {
          checkpoint(consumer);
          nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
          progress.caughtUpIf(positions(consumer));
        }
        if (System.nanoTime() >= nextRefresh) {
          assign(consumer, store.offsets());
          nextRefresh = System.nanoTime() + REFRESH_PARTITIONS.toNanos();
        }
      }
      checkpoint(consumer);
    }
  }

  /** Stores what changed with the offsets reached. */
  private void checkpoint(Consumer<byte[], byte[]> consumer) {
    Map<TopicPartition, Long> positions = positions(consumer);
    Checkpoint checkpoint = state.read(deliveries -> checkpointer.take(deliveries, positions));
    store.write(checkpoint);
    progress.checkpointed(clock.instant());
  }

  private Map<TopicPartition, Long> positions(Consumer<byte[], byte[]> consumer) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      positions.put(partition, consumer.position(partition));
    }
    return positions;
  }

  private void apply(Deliveries deliveries, ConsumerRecord<byte[], byte[]> record,
                     long arrived) {
    TopicKinds.Source source = kinds.of(record.topic());
    if (source == null || record.value() == null) {
      return;
    }
    try {
      switch (source.kind()) {
        case ALERTS -> {
          AlertEvent alert = decoding.alert(record);
          Instant published = Instant.ofEpochMilli(record.timestamp());
          deliveries.alert(alert, published);
          checkpointer.alert(AlertVersion.of(alert, published));
        }
        case STATUSES -> deliveries.status(decoding.status(record), arrived);
        case TASKS -> {
          DeliveryTask task = decoding.task(record);
          deliveries.queued(task.getTaskId(), task.getAlertId(), task.getAlertVersion(),
              task.getChannel(), task.getLane(), task.getZoneIds(),
              task.getCreatedAt().toEpochMilli(), record.partition(), record.offset(), arrived);
        }
        case DEAD_LETTERS -> checkpointer.deadLetter(decoding.deadLetter(record,
            source.channel()));
        case QUARANTINE -> checkpointer.quarantined(RecordDecoding.quarantined(record));
      }
    } catch (RuntimeException e) {
      undecodable.quarantine(record, e);
    }
  }

  private void assign(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> stored) {
    Set<TopicPartition> wanted = new HashSet<>(consumer.assignment());
    Map<String, List<PartitionInfo>> existing = consumer.listTopics();
    for (String topic : kinds.topics()) {
      for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
        wanted.add(new TopicPartition(topic, info.partition()));
      }
    }
    if (wanted.equals(consumer.assignment())) {
      return;
    }
    List<TopicPartition> added = new ArrayList<>(wanted);
    added.removeAll(consumer.assignment());
    consumer.assign(wanted);
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition partition : added) {
      Long offset = stored.get(partition);
      if (offset == null) {
        fromStart.add(partition);
      } else {
        consumer.seek(partition, offset);
      }
    }
    consumer.seekToBeginning(fromStart);
    log.info("Reading {} partitions ({} new)", wanted.size(), added.size());
  }
}
