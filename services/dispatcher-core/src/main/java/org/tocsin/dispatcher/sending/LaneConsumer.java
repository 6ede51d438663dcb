package org.tocsin.dispatcher.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

/**
 * Reads one lane's task topics in a consumer group and feeds the {@link TaskQueue}. It stops
 * fetching (pauses its partitions) while its lane already has {@code maxUnfinished} tasks
 * unfinished, and, for the normal lane, while the high lane has anything to do. It commits the
 * offset of the oldest unfinished task of each partition every {@value #COMMIT_INTERVAL_MILLIS}
 * ms and when it gives a partition up, after the tasks of that partition in provider calls came
 * back.
 */
final class LaneConsumer {

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
  private final Host host;
  private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();

  private volatile boolean running;
  private volatile long lag;
  private volatile KafkaConsumer<String, DeliveryTask> consumer;
  private Thread thread;

  /** {@code topics}: the lane's task topics, all of one serde (the first one's). */
  LaneConsumer(Lane lane, List<Topic<String, DeliveryTask>> topics, Map<String, Object> config,
               Host host) {
    this.lane = lane;
    this.topics = List.copyOf(topics);
    this.config = Map.copyOf(config);
    this.host = host;
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

  /** Records in this lane's partitions not read yet, as of the last fetch. */
  long lag() {
    return lag;
  }

  synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name("send-" + lane.name().toLowerCase()).start(this::run);
  }

  synchronized void stop() {
    running = false;
    KafkaConsumer<String, DeliveryTask> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, DeliveryTask> kafka = new KafkaConsumer<>(config,
          topics.get(0).keySerde().deserializer(), topics.get(0).valueSerde().deserializer())) {
        consumer = kafka;
        kafka.subscribe(topics.stream().map(Topic::name).toList(), new Rebalance(kafka));
        consume(kafka);
        giveUp(kafka, List.copyOf(progress.values()));
      } catch (WakeupException | InterruptException e) {
        if (running) {
          log.warn("{} lane consumer interrupted; starting again", lane);
        }
      } catch (RuntimeException e) {
        log.error("{} lane consumer failed; starting again in 1 s", lane, e);
        pause(Duration.ofSeconds(1));
      } finally {
        consumer = null;
      }
    }
  }

  private void consume(KafkaConsumer<String, DeliveryTask> kafka) {
    long lastCommit = System.nanoTime();
    while (running) {
      if (host.holds(lane)) {
        kafka.pause(kafka.assignment());
      } else {
        kafka.resume(kafka.paused());
      }
      ConsumerRecords<String, DeliveryTask> records;
      try {
        records = kafka.poll(POLL);
      } catch (RecordDeserializationException e) {
        log.error("Skipping unreadable task at {} offset {}", e.topicPartition(), e.offset(), e);
        kafka.seek(e.topicPartition(), e.offset() + 1);
        continue;
      }
      if (!records.isEmpty()) {
        List<WorkItem> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, DeliveryTask> record : records) {
          PartitionProgress partition = progress.computeIfAbsent(
              new TopicPartition(record.topic(), record.partition()), PartitionProgress::new);
          if (record.value() == null) {
            continue;
          }
          partition.read(record.offset());
          items.add(new WorkItem(record.value(), lane, record.offset(), partition));
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

  private void commit(KafkaConsumer<String, DeliveryTask> kafka,
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
  private void giveUp(KafkaConsumer<String, DeliveryTask> kafka,
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

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<String, DeliveryTask> kafka;

    Rebalance(KafkaConsumer<String, DeliveryTask> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      giveUp(kafka, partitions.stream().map(progress::get)
          .filter(java.util.Objects::nonNull).toList());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        PartitionProgress lost = progress.remove(partition);
        if (lost != null) {
          lost.revoke();
          host.dropQueued(List.of(lost));
        }
      }
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
