package org.tocsin.dispatcher.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.SourceRecord;
import org.tocsin.kafka.worker.PollingWorker;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * Reads one lane's task topics in a consumer group and feeds the {@link TaskQueue}. It stops
 * fetching (pauses its partitions) while its lane already has {@code maxUnfinished} tasks
 * unfinished, and, for the normal lane, while the high lane has anything to do. It commits the
 * offset of the oldest unfinished task of each partition every {@value #COMMIT_INTERVAL_MILLIS}
 * ms and when it gives a partition up, after the tasks of that partition in provider calls came
 * back. A task that cannot be decoded, or whose handling fails every time, goes to the
 * quarantine, and counts as finished once the quarantine has it.
 */
final class LaneConsumer implements WorkerStatus {

  private static final Logger log = LoggerFactory.getLogger(LaneConsumer.class);
  private static final long COMMIT_INTERVAL_MILLIS = 500;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(30);

  interface Host {
    /** Whether this lane should not fetch more now. */
    boolean holds(Lane lane);

    /** Blocks until the ledger knows every status written before now. */
    void awaitLedger();

    void accept(List<WorkItem> items);

    void dropQueued(Collection<PartitionProgress> revoked);
  }

  private final Lane lane;
  private final List<Topic<String, DeliveryTask>> topics;
  private final Map<String, Object> config;
  private final String consumerName;
  private final Host host;
  private final Quarantine quarantine;
  private final Deserializer<String> keys;
  private final Deserializer<DeliveryTask> values;
  private final Serializer<String> keySerializer;
  private final Serializer<DeliveryTask> valueSerializer;
  private final PollingWorker worker;
  private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();

  private volatile long lag;

  /** @param topics the lane's task topics, all with the same serdes */
  LaneConsumer(Lane lane, List<Topic<String, DeliveryTask>> topics, Map<String, Object> config,
               Host host, Recovery recovery) {
    this.lane = lane;
    this.topics = List.copyOf(topics);
    Topic<String, DeliveryTask> topic = this.topics.getFirst();
    this.config = Map.copyOf(config);
    this.consumerName = String.valueOf(config.get(ConsumerConfig.GROUP_ID_CONFIG));
    this.host = host;
    this.quarantine = recovery.quarantine();
    this.keys = topic.keySerde().deserializer();
    this.values = topic.valueSerde().deserializer();
    this.keySerializer = topic.keySerde().serializer();
    this.valueSerializer = topic.valueSerde().serializer();
    this.topics.forEach(each -> quarantine.expect(each.name(), consumerName));
    this.worker = new PollingWorker("send-" + lane.name().toLowerCase(), recovery.restart(),
        this::run);
  }

  Lane lane() {
    return lane;
  }

  /** Tasks read from this lane and not finished. */
  int unfinished() {
    int count = 0;
    for (PartitionProgress partition : progress.values()) {
      count += partition.unfinishedCount();
    }
    return count;
  }

  /** Tasks read from this lane that still wait for their provider call or their ending. */
  int unsent() {
    int count = 0;
    for (PartitionProgress partition : progress.values()) {
      count += partition.unsentCount();
    }
    return count;
  }

  /** Records in this lane's partitions not read yet, as of the last fetch. */
  long lag() {
    return lag;
  }

  void start() {
    worker.start();
  }

  void stop() {
    worker.stop(REVOKE_WAIT.plusSeconds(10));
  }

  @Override
  public String workerName() {
    return worker.workerName();
  }

  @Override
  public WorkerState state() {
    return worker.state();
  }

  /**
   * Puts a task that fails every time it is handled into the quarantine (encoded again from the
   * task read) and lets its offset go; false if the quarantine cannot take it now.
   */
  boolean quarantine(WorkItem item, Throwable failure) {
    TopicPartition partition = item.progress.partition();
    try {
      quarantine.quarantineAndWait(new SourceRecord(partition.topic(), partition.partition(),
          item.offset, item.task.getCreatedAt().toEpochMilli(),
          keySerializer.serialize(partition.topic(), item.task.getRecipient()),
          valueSerializer.serialize(partition.topic(), item.task), null, true), consumerName,
          failure);
    } catch (RuntimeException e) {
      log.warn("Cannot quarantine task {} yet: {}", item.task.getTaskId(), e.toString());
      return false;
    }
    item.progress.finished(item.offset);
    return true;
  }

  private void run(PollingWorker.Control control) {
    try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      control.onStop(kafka::wakeup);
      kafka.subscribe(topics.stream().map(Topic::name).toList(), new Rebalance(kafka));
      control.working();
      consume(kafka, control);
      giveUp(kafka, List.copyOf(progress.values()));
    } finally {
      // Whatever this session still held, the next one (or another instance) reads again.
      abandon(List.copyOf(progress.values()));
    }
  }

  private void consume(KafkaConsumer<byte[], byte[]> kafka, PollingWorker.Control control) {
    long lastCommit = System.nanoTime();
    while (control.running()) {
      if (host.holds(lane)) {
        kafka.pause(kafka.assignment());
      } else {
        kafka.resume(kafka.paused());
      }
      ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
      if (!records.isEmpty()) {
        List<WorkItem> items = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
          PartitionProgress partition = progress.computeIfAbsent(
              new TopicPartition(record.topic(), record.partition()), PartitionProgress::new);
          DeliveryTask task;
          try {
            keys.deserialize(record.topic(), record.headers(), record.key());
            task = values.deserialize(record.topic(), record.headers(), record.value());
          } catch (RuntimeException e) {
            quarantine.quarantineAndWait(SourceRecord.of(record), consumerName, e);
            partition.read(record.offset());
            partition.finished(record.offset());
            continue;
          }
          if (task == null) {
            continue;
          }
          partition.read(record.offset());
          items.add(new WorkItem(task, lane, record.offset(), partition));
        }
        host.accept(items);
      }
      long total = 0;
      for (TopicPartition partition : kafka.assignment()) {
        total += kafka.currentLag(partition).orElse(0);
      }
      lag = total;
      if (System.nanoTime() - lastCommit > COMMIT_INTERVAL_MILLIS * 1_000_000) {
        commit(kafka, progress.values(), false);
        lastCommit = System.nanoTime();
      }
    }
  }

  private void commit(KafkaConsumer<byte[], byte[]> kafka,
                      Collection<PartitionProgress> partitions, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionProgress partition : partitions) {
      long offset = partition.committable();
      if (offset >= 0) {
        offsets.put(partition.partition(), new OffsetAndMetadata(offset));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      kafka.commitSync(offsets);
    } else {
      kafka.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          log.warn("Could not commit {} lane offsets: {}", lane, error.toString());
        }
      });
    }
  }

  /** Drops what was not sent yet, waits for provider calls in progress, commits. */
  private void giveUp(KafkaConsumer<byte[], byte[]> kafka,
                      Collection<PartitionProgress> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    partitions.forEach(PartitionProgress::revoke);
    host.dropQueued(partitions);
    long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
    while (partitions.stream().anyMatch(p -> p.inProvider() > 0)
        && System.nanoTime() < deadline) {
      pause(Duration.ofMillis(10));
    }
    try {
      commit(kafka, partitions, true);
    } catch (RuntimeException e) {
      log.warn("Could not commit {} lane offsets on giving partitions up: {}", lane,
          e.toString());
    }
    for (PartitionProgress partition : partitions) {
      progress.remove(partition.partition());
    }
  }

  /** Forgets partitions without committing: their tasks are read again from the last commit. */
  private void abandon(Collection<PartitionProgress> partitions) {
    for (PartitionProgress partition : partitions) {
      if (progress.remove(partition.partition(), partition)) {
        partition.revoke();
      }
    }
    if (!partitions.isEmpty()) {
      host.dropQueued(partitions);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<byte[], byte[]> kafka;

    Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      giveUp(kafka, partitions.stream().map(progress::get).filter(Objects::nonNull).toList());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      abandon(partitions.stream().map(progress::get).filter(Objects::nonNull).toList());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        host.awaitLedger();
      }
      for (TopicPartition partition : partitions) {
        progress.put(partition, new PartitionProgress(partition));
      }
    }
  }
}
