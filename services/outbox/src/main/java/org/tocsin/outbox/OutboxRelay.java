package org.tocsin.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes the outbox to Kafka: in id order, a batch per Kafka transaction (idempotent producer,
 * acks=all), deleting rows only once their transaction committed, and retrying with backoff for
 * as long as the broker is unreachable. One instance relays at a time (a PostgreSQL advisory
 * lock); commits wake it through LISTEN/NOTIFY, so an event is normally on Kafka milliseconds
 * after its transaction commits.
 *
 * <p>Consumers read with {@code isolation.level=read_committed}. A row is published twice only
 * if the database fails between the Kafka commit and the row's deletion.
 */
public final class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  /** Advisory lock that elects the relaying instance; each service has a database of its own. */
  private static final long RELAY_LOCK = 0x70C5_1A_0B_0000_0001L;

  private final DataSource dataSource;
  private final Map<String, Object> producerConfig;
  private final OutboxProperties properties;
  private final Counter published;
  private final Counter failures;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  private volatile boolean running;
  private volatile boolean leader;
  private Thread thread;
  private KafkaProducer<String, byte[]> producer;

  public OutboxRelay(DataSource dataSource, Map<String, Object> kafkaProducerProperties,
                     String transactionalId, OutboxProperties properties, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.properties = properties;
    Map<String, Object> config = new HashMap<>(kafkaProducerProperties);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = Map.copyOf(config);
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

  @Override
  public synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relay);
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(15));
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

  private void relay() {
    Duration backoff = properties.minBackoff();
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        if (!acquireLeadership(connection)) {
          refreshBacklog(connection);
          pause(properties.pollInterval());
          continue;
        }
        try {
          backoff = relayWhileLeader(connection, backoff);
        } finally {
          releaseLeadership(connection);
        }
      } catch (SQLException e) {
        lastError.set("database: " + e.getMessage());
        log.warn("Outbox relay lost its database connection; retrying in {}", backoff, e);
        pause(backoff);
        backoff = next(backoff);
      }
    }
    // Stopping interrupts this thread; the producer's close must not see that interrupt.
    Thread.interrupted();
    closeProducer();
  }

  private Duration relayWhileLeader(Connection connection, Duration backoff) throws SQLException {
    try (Statement listen = connection.createStatement()) {
      listen.execute("LISTEN " + JdbcOutbox.NOTIFICATION_CHANNEL);
    }
    PGConnection notifications = connection.unwrap(PGConnection.class);
    while (running) {
      List<Row> batch = nextBatch(connection);
      if (batch.isEmpty()) {
        refreshBacklog(connection);
        notifications.getNotifications((int) properties.pollInterval().toMillis());
        continue;
      }
      if (publish(batch)) {
        delete(connection, batch);
        published.increment(batch.size());
        backoff = properties.minBackoff();
      } else {
        refreshBacklog(connection);
        pause(backoff);
        backoff = next(backoff);
      }
    }
    return backoff;
  }

  private boolean publish(List<Row> batch) {
    try {
      KafkaProducer<String, byte[]> kafka = producer();
      kafka.beginTransaction();
      for (Row row : batch) {
        kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
      }
      kafka.commitTransaction();
      lastError.set(null);
      return true;
    } catch (RuntimeException e) {
      failures.increment();
      lastError.set("kafka: " + e.getMessage());
      log.warn("Cannot publish {} outbox events yet (first id {}): {}", batch.size(),
          batch.get(0).id(), e.toString());
      // A fresh producer fences and aborts whatever the failed one left open.
      closeProducer();
      return false;
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
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  private boolean acquireLeadership(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, RELAY_LOCK);
      try (ResultSet result = lock.executeQuery()) {
        result.next();
        leader = result.getBoolean(1);
        return leader;
      }
    }
  }

  private void releaseLeadership(Connection connection) {
    leader = false;
    try (Statement release = connection.createStatement()) {
      release.execute("UNLISTEN *");
      release.execute("SELECT pg_advisory_unlock_all()");
    } catch (SQLException e) {
      log.debug("Could not release the outbox relay lock; the session end releases it", e);
    }
  }

  private List<Row> nextBatch(Connection connection) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, topic, record_key, payload FROM tocsin_outbox ORDER BY id LIMIT ?")) {
      select.setInt(1, properties.batchSize());
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
              result.getBytes(4)));
        }
      }
    }
    return rows;
  }

  private static void delete(Connection connection, List<Row> batch) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM tocsin_outbox WHERE id = ANY (?)")) {
      delete.setArray(1, connection.createArrayOf("bigint",
          batch.stream().map(Row::id).toArray(Long[]::new)));
      delete.executeUpdate();
    }
  }

  private void refreshBacklog(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(
             "SELECT count(*), min(created_at) FROM tocsin_outbox")) {
      result.next();
      pending.set(result.getLong(1));
      Timestamp oldest = result.getTimestamp(2);
      oldestPending.set(oldest == null ? null : oldest.toInstant());
    }
  }

  private Duration next(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    Duration capped = doubled.compareTo(properties.maxBackoff()) > 0
        ? properties.maxBackoff() : doubled;
    // Jitter, so that several services coming back together do not retry in step.
    return capped.plusMillis(ThreadLocalRandom.current().nextLong(capped.toMillis() / 5 + 1));
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      if (running) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record Row(long id, String topic, String key, byte[] payload) {
  }
}
