package org.tocsin.dispatcher.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tocsin.events.topics.Topic;

/**
 * Reads every partition of one topic without a consumer group, from the beginning or from a
 * point in time, and then keeps following it: how a dispatcher materialises the subscriptions
 * topic into its directory, and follows alerts and delivery statuses. It is <em>caught up</em>
 * once it has read every record that was committed when it started.
 *
 * <p>Records are handed over in poll batches on the follower's own thread.
 */
public final class TopicFollower<V> implements SmartLifecycle {

  /** Where reading starts: {@link #BEGINNING}, or records from an epoch-millisecond instant. */
  public static final long BEGINNING = -1;

  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String name;
  private final Map<String, Object> consumerConfig;
  private final Topic<String, V> topic;
  private final Deserializer<V> values;
  private final CompletableFuture<?> startAfter;
  private final LongSupplier startAt;
  private final Consumer<ConsumerRecords<String, V>> onBatch;
  private final int phase;
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();

  private volatile boolean running;
  private volatile Duration catchUpTime;
  private volatile KafkaConsumer<String, V> consumer;
  private volatile Map<TopicPartition, Long> positions = Map.of();
  private Thread thread;

  /**
   * @param startAfter completes when reading may begin (e.g. when the data {@code startAt}
   *     needs is there)
   * @param startAt the epoch millisecond to start from, or {@link #BEGINNING}; asked once,
   *     after {@code startAfter} completed
   */
  public TopicFollower(String name, Map<String, Object> consumerConfig, Topic<String, V> topic,
                       CompletableFuture<?> startAfter, LongSupplier startAt,
                       Consumer<ConsumerRecords<String, V>> onBatch, int phase) {
    this(name, consumerConfig, topic, topic.valueSerde().deserializer(), startAfter, startAt,
        onBatch, phase);
  }

  /** A follower that reads values with its own deserializer. */
  public TopicFollower(String name, Map<String, Object> consumerConfig, Topic<String, V> topic,
                       Deserializer<V> values, CompletableFuture<?> startAfter,
                       LongSupplier startAt, Consumer<ConsumerRecords<String, V>> onBatch,
                       int phase) {
    this.name = name;
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    this.consumerConfig = Map.copyOf(config);
    this.topic = topic;
    this.values = values;
    this.startAfter = startAfter;
    this.startAt = startAt;
    this.onBatch = onBatch;
    this.phase = phase;
  }

  public String topicName() {
    return topic.name();
  }

  /** Completes once every record committed when reading began has been handed over. */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  /** How long reading took from its start until caught up; null until then. */
  public Duration catchUpTime() {
    return catchUpTime;
  }

  public boolean isCaughtUp() {
    return caughtUp.isDone() && !caughtUp.isCompletedExceptionally();
  }

  /**
   * Waits until this follower has read everything committed to the topic now: how a reader
   * makes sure it has seen what another instance wrote before it takes over that work.
   */
  public void awaitEverythingCommittedNow(Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " cannot read " + topic.name(), e.getCause());
    }
    Map<TopicPartition, Long> target;
    try (KafkaConsumer<String, V> probe = newConsumer(name + "-probe")) {
      List<TopicPartition> partitions = partitions(probe);
      probe.assign(partitions);
      target = probe.endOffsets(partitions, timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(target)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(name + " did not reach " + target + " in " + timeout);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::follow);
  }

  @Override
  public synchronized void stop() {
    running = false;
    KafkaConsumer<String, V> current = consumer;
    if (current != null) {
      current.wakeup();
    } else if (thread != null) {
      // Not reading yet: waiting for its turn or for the topic.
      thread.interrupt();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return phase;
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    Map<TopicPartition, Long> current = positions;
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      if (current.getOrDefault(end.getKey(), 0L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void follow() {
    try {
      startAfter.get();
    } catch (InterruptedException e) {
      return;
    } catch (Exception e) {
      caughtUp.completeExceptionally(e);
      return;
    }
    while (running) {
      try (KafkaConsumer<String, V> kafka = newConsumer(name)) {
        consumer = kafka;
        readAndFollow(kafka);
      } catch (WakeupException | InterruptException e) {
        if (running) {
          log.warn("{} was interrupted; reading again", name);
        }
      } catch (RuntimeException e) {
        log.error("{} failed to read {}; starting over from its position in 1 s", name,
            topic.name(), e);
        sleepQuietly(Duration.ofSeconds(1));
      } finally {
        consumer = null;
      }
    }
  }

  private void readAndFollow(KafkaConsumer<String, V> kafka) {
    List<TopicPartition> partitions = partitions(kafka);
    kafka.assign(partitions);
    Map<TopicPartition, Long> resumeFrom = positions;
    if (resumeFrom.isEmpty()) {
      seekToStart(kafka, partitions);
    } else {
      resumeFrom.forEach(kafka::seek);
    }
    Map<TopicPartition, Long> target = kafka.endOffsets(partitions);
    long started = System.nanoTime();
    while (running) {
      ConsumerRecords<String, V> records = kafka.poll(POLL);
      if (!records.isEmpty()) {
        onBatch.accept(records);
      }
      Map<TopicPartition, Long> now = new HashMap<>();
      for (TopicPartition partition : partitions) {
        now.put(partition, kafka.position(partition));
      }
      positions = Map.copyOf(now);
      if (!caughtUp.isDone() && reached(target)) {
        catchUpTime = Duration.ofNanos(System.nanoTime() - started);
        log.info("{} caught up with {} in {} ms at {}", name, topic.name(),
            catchUpTime.toMillis(), now);
        caughtUp.complete(null);
      }
    }
  }

  private void seekToStart(KafkaConsumer<String, V> kafka, List<TopicPartition> partitions) {
    long from = startAt.getAsLong();
    if (from == BEGINNING) {
      kafka.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(query);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      if (offset == null) {
        kafka.seekToEnd(List.of(partition));
      } else {
        kafka.seek(partition, offset.offset());
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, V> kafka) {
    while (true) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic.name());
      if (infos != null && !infos.isEmpty()) {
        return infos.stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      }
      log.warn("{}: topic {} does not exist yet; waiting", name, topic.name());
      sleepQuietly(Duration.ofSeconds(1));
      if (!running || Thread.currentThread().isInterrupted()) {
        throw new WakeupException();
      }
    }
  }

  private KafkaConsumer<String, V> newConsumer(String clientId) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    Deserializer<String> keys = topic.keySerde().deserializer();
    return new KafkaConsumer<>(config, keys, values);
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
