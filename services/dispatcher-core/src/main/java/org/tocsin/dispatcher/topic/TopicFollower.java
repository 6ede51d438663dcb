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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tocsin.events.topics.Topic;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.worker.PollingWorker;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * Reads every partition of one topic without a consumer group, from the beginning or from a
 * point in time, and then keeps following it: how a dispatcher materialises the subscriptions
 * topic into its directory, and follows alerts and delivery statuses. It is <em>caught up</em>
 * once it has read every record that was committed when it started.
 *
 * <p>Records are handed over in poll batches on the follower's own thread. A record that cannot
 * be decoded, or on which the handler fails, goes to the {@link Quarantine} and the follower
 * goes on; a failed session (a lost broker) starts again, with back-off, from where it was.
 */
public final class TopicFollower<V> implements SmartLifecycle, WorkerStatus {

  /** Where reading starts: {@link #BEGINNING}, or records from an epoch-millisecond instant. */
  public static final long BEGINNING = -1;

  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String name;
  private final Map<String, Object> consumerConfig;
  private final Topic<String, ?> topic;
  private final CompletableFuture<?> startAfter;
  private final LongSupplier startAt;
  private final QuarantiningBatches<V> batches;
  private final int phase;
  private final PollingWorker worker;
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();

  private volatile Duration catchUpTime;
  private volatile Map<TopicPartition, Long> positions = Map.of();

  /**
   * @param consumerConfig the settings of a group-less consumer (client defaults)
   * @param startAfter completes when reading may begin (e.g. when the data {@code startAt}
   *     needs is there)
   * @param startAt the epoch millisecond to start from, or {@link #BEGINNING}; asked once,
   *     after {@code startAfter} completed
   * @param onBatch handles a batch; it must be idempotent (after a failure it gets the batch's
   *     records again, one by one, to find the one that fails)
   */
  public TopicFollower(String name, Map<String, Object> consumerConfig, Topic<String, V> topic,
                       CompletableFuture<?> startAfter, LongSupplier startAt,
                       Consumer<ConsumerRecords<String, V>> onBatch, int phase,
                       Recovery recovery) {
    this(name, consumerConfig, topic, topic.valueSerde().deserializer(), startAfter, startAt,
        onBatch, phase, recovery);
  }

  /** A follower that reads values with its own deserializer (into a type of its own). */
  public TopicFollower(String name, Map<String, Object> consumerConfig, Topic<String, ?> topic,
                       Deserializer<V> values, CompletableFuture<?> startAfter,
                       LongSupplier startAt, Consumer<ConsumerRecords<String, V>> onBatch,
                       int phase, Recovery recovery) {
    this.name = name;
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    this.consumerConfig = Map.copyOf(config);
    this.topic = topic;
    this.startAfter = startAfter;
    this.startAt = startAt;
    this.phase = phase;
    recovery.quarantine().expect(topic.name(), name);
    this.batches = new QuarantiningBatches<>(name, topic.keySerde().deserializer(), values,
        onBatch, recovery.quarantine());
    this.worker = new PollingWorker(name, recovery.restart(), this::follow);
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
    try (KafkaConsumer<byte[], byte[]> probe = newConsumer(name + "-probe")) {
      List<TopicPartition> partitions = partitions(probe, null);
      probe.assign(partitions);
      target = probe.endOffsets(partitions, timeout);
    }
    awaitRead(target, timeout);
  }

  /**
   * Waits until this follower has read every partition of its topic up to {@code target} (end
   * offsets a {@code read_committed} reader sees, e.g. from {@link CommittedEnds}).
   */
  public void awaitRead(Map<TopicPartition, Long> target, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(target)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(name + " did not reach " + target + " in " + timeout);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop(Duration.ofSeconds(10));
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }

  @Override
  public int getPhase() {
    return phase;
  }

  @Override
  public String workerName() {
    return name;
  }

  @Override
  public WorkerState state() {
    return worker.state();
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

  private void follow(PollingWorker.Control control) throws Exception {
    if (!startAfter.isDone()) {
      control.waiting("waiting until what it starts after is read");
    }
    try {
      startAfter.get();
    } catch (ExecutionException e) {
      caughtUp.completeExceptionally(e.getCause());
      throw e;
    }
    try (KafkaConsumer<byte[], byte[]> kafka = newConsumer(name)) {
      control.onStop(kafka::wakeup);
      readAndFollow(kafka, control);
    }
  }

  private void readAndFollow(KafkaConsumer<byte[], byte[]> kafka, PollingWorker.Control control)
      throws InterruptedException {
    List<TopicPartition> partitions = partitions(kafka, control);
    kafka.assign(partitions);
    Map<TopicPartition, Long> resumeFrom = positions;
    if (resumeFrom.isEmpty()) {
      seekToStart(kafka, partitions);
    } else {
      resumeFrom.forEach(kafka::seek);
    }
    Map<TopicPartition, Long> target = kafka.endOffsets(partitions);
    control.working();
    long started = System.nanoTime();
    while (control.running()) {
      ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
      if (!records.isEmpty()) {
        batches.handle(records);
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

  private void seekToStart(KafkaConsumer<byte[], byte[]> kafka,
                           List<TopicPartition> partitions) {
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

  /** The topic's partitions, waiting for the topic to exist (with a control) or failing. */
  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka,
                                          PollingWorker.Control control)
      throws InterruptedException {
    while (true) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic.name());
      if (infos != null && !infos.isEmpty()) {
        return infos.stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      }
      if (control == null) {
        throw new IllegalStateException("Topic " + topic.name() + " does not exist");
      }
      log.warn("{}: topic {} does not exist yet; waiting", name, topic.name());
      control.waiting("topic " + topic.name() + " does not exist yet");
      Thread.sleep(1000);
      if (!control.running()) {
        throw new InterruptedException("stopped while waiting for " + topic.name());
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> newConsumer(String clientId) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
