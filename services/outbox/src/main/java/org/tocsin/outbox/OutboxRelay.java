package org.tocsin.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.worker.PollingWorker;
import org.tocsin.kafka.worker.RestartBackOff;
import org.tocsin.kafka.worker.WorkerState;

/**
 * Publishes the outbox to Kafka: in id order, a batch per Kafka transaction (idempotent producer,
 * acks=all), deleting rows only once their transaction committed, and retrying with backoff for
 * as long as the broker is unreachable. One instance relays at a time (a PostgreSQL advisory
 * lock); commits wake it through LISTEN/NOTIFY, so an event is normally on Kafka milliseconds
 * after its transaction commits.
 *
 * <p>The relaying instance hands over when its own broker link fails: after failing to publish
 * for {@code leaderHandoverAfter} it releases the lock and leaves it to the others for two poll
 * intervals, so an instance whose link works takes over. An instance that takes the lock while
 * its link is still failing gives it up after its first failed attempt.
 *
 * <p>Every producer call is bounded by the client timeouts, so a lost broker is reported
 * ({@link #lastError()}) within {@link #failureReportBound()} of the attempt that meets it.
 * Consumers read with {@code isolation.level=read_committed}. A commit that times out is waited
 * out on the same producer, which alone learns whether the broker took it. A row is published
 * twice only if the database fails between the Kafka commit and the row's deletion, or if the
 * relay hands over or stops while the broker has taken a commit it could not confirm.
 */
public final class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final DataSource dataSource;
  private final Map<String, Object> producerConfig;
  private final OutboxProperties properties;
  private final ClientTimeouts timeouts;
  private final PollingWorker worker;
  private final Counter published;
  private final Counter failures;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final AtomicReference<Instant> publishingFailsSince = new AtomicReference<>();

  private volatile boolean leader;
  private volatile Duration lastFailedAttempt;
  private volatile Instant handedOverUntil = Instant.MIN;
  private KafkaProducer<String, byte[]> producer;

  public OutboxRelay(DataSource dataSource, KafkaClientDefaults clients, String transactionalId,
                     OutboxProperties properties, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.properties = properties;
    this.timeouts = clients.timeouts();
    Map<String, Object> config = clients.transactionalProducer(transactionalId, transactionalId);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = Map.copyOf(config);
    this.worker = new PollingWorker("outbox-relay",
        new RestartBackOff(properties.minBackoff(), properties.maxBackoff()), this::relay);
    this.published = Counter.builder("tocsin.outbox.published")
        .description("Events the outbox relay published to Kafka").register(meters);
    this.failures = Counter.builder("tocsin.outbox.publish.failures")
        .description("Failed attempts to publish a batch of outbox events").register(meters);
    Gauge.builder("tocsin.outbox.pending", pending, AtomicLong::get)
        .description("Events waiting in the outbox").register(meters);
    Gauge.builder("tocsin.outbox.oldest.age", this, relay -> relay.oldestPendingAge().toMillis()
            / 1000.0)
        .baseUnit("seconds")
        .description("Age of the oldest event waiting in the outbox").register(meters);
    Gauge.builder("tocsin.outbox.leader", this, relay -> relay.isLeader() ? 1 : 0)
        .description("1 while this instance relays the outbox").register(meters);
  }

  /** Events waiting to be published, as last seen by the relay. */
  public long pendingCount() {
    return pending.get();
  }

  public Duration oldestPendingAge() {
    Instant oldest = oldestPending.get();
    return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
  }

  public boolean isLeader() {
    return leader;
  }

  public String lastError() {
    return lastError.get();
  }

  /** How long the last failed attempt to publish took until its first failure; null before. */
  public Duration lastFailedAttempt() {
    return lastFailedAttempt;
  }

  /** How long this instance has failed to publish, or zero while it succeeds. */
  public Duration publishingFailsFor() {
    Instant since = publishingFailsSince.get();
    return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
  }

  public WorkerState state() {
    return worker.state();
  }

  /**
   * The longest one attempt takes to fail when the broker is gone: a new producer's
   * {@code initTransactions}, a {@code send} waiting for metadata and the commit, each bounded
   * by {@code max.block.ms}.
   */
  public Duration failureReportBound() {
    return timeouts.maxBlock().multipliedBy(3);
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop(failureReportBound().plus(properties.pollInterval()).plusSeconds(5));
    leader = false;
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }

  private void relay(PollingWorker.Control control) throws SQLException, InterruptedException {
    try (Connection connection = dataSource.getConnection()) {
      OutboxTable table = new OutboxTable(connection);
      control.working();
      while (control.running()) {
        if (Instant.now().isBefore(handedOverUntil) || !table.tryLock()) {
          refreshBacklog(table);
          Thread.sleep(properties.pollInterval());
          continue;
        }
        leader = true;
        try {
          relayWhileLeader(table, control);
        } finally {
          leader = false;
          table.unlock();
        }
      }
    } catch (SQLException e) {
      lastError.set("database: " + e.getMessage());
      throw e;
    } finally {
      closeProducer();
    }
  }

  /** Returns when stopping, or when the broker link failed for too long (handing over). */
  private void relayWhileLeader(OutboxTable table, PollingWorker.Control control)
      throws SQLException, InterruptedException {
    table.listen();
    BackOffExecution pauses = publishBackOff();
    while (control.running()) {
      List<OutboxTable.Row> batch = table.nextBatch(properties.batchSize());
      if (batch.isEmpty()) {
        refreshBacklog(table);
        table.awaitNotification((int) properties.pollInterval().toMillis());
        continue;
      }
      if (publish(batch)) {
        table.delete(batch);
        published.increment(batch.size());
        pauses = publishBackOff();
        continue;
      }
      refreshBacklog(table);
      if (publishingFailsFor().compareTo(properties.leaderHandoverAfter()) >= 0) {
        log.warn("This instance has failed to publish to Kafka for {} s; it releases the outbox "
            + "lock so that an instance whose broker link works takes over",
            publishingFailsFor().toSeconds());
        handedOverUntil = Instant.now().plus(properties.pollInterval().multipliedBy(2));
        return;
      }
      Thread.sleep(pauses.nextBackOff());
    }
  }

  private boolean publish(List<OutboxTable.Row> batch) {
    long started = System.nanoTime();
    try {
      KafkaProducer<String, byte[]> kafka = producer();
      kafka.beginTransaction();
      for (OutboxTable.Row row : batch) {
        kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
      }
      commit(kafka, batch, started);
      lastError.set(null);
      publishingFailsSince.set(null);
      return true;
    } catch (CommitAbandoned e) {
      closeProducer();
      return false;
    } catch (RuntimeException e) {
      failed(batch, e, started);
      // A fresh producer fences and aborts whatever the failed one left open.
      closeProducer();
      return false;
    }
  }

  /**
   * Commits, waiting out a commit that timed out: the broker may have taken it, and only the
   * same producer learns how it ended (a new one would complete it, and the batch would be
   * published again). Gives up when handing over or stopping.
   */
  private void commit(KafkaProducer<String, byte[]> kafka, List<OutboxTable.Row> batch,
                      long started) {
    boolean first = true;
    while (true) {
      try {
        kafka.commitTransaction();
        return;
      } catch (TimeoutException e) {
        failed(batch, e, first ? started : -1);
        first = false;
        if (!worker.isRunning()
            || publishingFailsFor().compareTo(properties.leaderHandoverAfter()) >= 0) {
          throw new CommitAbandoned(e);
        }
      }
    }
  }

  /** Reports a failure; {@code started} is the attempt's start if it is its first failure. */
  private void failed(List<OutboxTable.Row> batch, RuntimeException e, long started) {
    failures.increment();
    if (started != -1) {
      lastFailedAttempt = Duration.ofNanos(System.nanoTime() - started);
    }
    lastError.set("kafka: " + e.getMessage());
    publishingFailsSince.compareAndSet(null, Instant.now());
    log.warn("Cannot publish {} outbox events yet (first id {}): {}", batch.size(),
        batch.get(0).id(), e.toString());
  }

  /** A commit given up without knowing whether the broker took it. */
  private static final class CommitAbandoned extends RuntimeException {
    CommitAbandoned(Throwable cause) {
      super(cause);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      KafkaProducer<String, byte[]> created = new KafkaProducer<>(producerConfig);
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
    }
    return producer;
  }

  private void closeProducer() {
    if (producer != null) {
      // Stopping interrupts this thread; the producer's close must not see that interrupt.
      boolean interrupted = Thread.interrupted();
      producer.close(Duration.ZERO);
      producer = null;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void refreshBacklog(OutboxTable table) throws SQLException {
    OutboxTable.Backlog backlog = table.backlog();
    pending.set(backlog.count());
    oldestPending.set(backlog.oldest());
  }

  private BackOffExecution publishBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(properties.minBackoff().toMillis(), 2.0);
    backOff.setMaxInterval(properties.maxBackoff().toMillis());
    // Jitter, so that several services coming back together do not retry in step.
    backOff.setJitter(properties.minBackoff().toMillis() / 5);
    return backOff.start();
  }
}
