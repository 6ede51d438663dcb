package org.tocsin.kafka.quarantine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.tocsin.events.topics.Topic;

/**
 * Where every Tocsin consumer puts a record it cannot decode or process, so that it can go on
 * without dropping it silently: the raw record goes to the quarantine topic with headers naming
 * its source topic, partition and offset, the consumer and the reason; a counter
 * ({@value #COUNTER}, by source topic and consumer) and the health details show it. Logs and
 * health details show only the metadata ({@link QuarantinedRecord}): a record's key or value
 * can hold personal data.
 *
 * <p>A consumer moves past a quarantined record only once the quarantine has it, so nothing is
 * lost; a consumer that fails before moving on quarantines the record again when it reads it
 * again (the quarantine may hold a record twice, never zero times).
 */
public final class Quarantine {

  public static final String COUNTER = "tocsin.quarantine.records";
  private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
  private static final int RECENT = 20;

  private final Topic<byte[], byte[]> topic;
  private final KafkaOperations<byte[], byte[]> kafka;
  private final MeterRegistry meters;
  private final Duration writeTimeout;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Deque<QuarantinedRecord> recent = new ArrayDeque<>();

  /**
   * @param kafka an idempotent producer with acks=all
   * @param writeTimeout the longest a write to the quarantine may take (its producer's delivery
   *     timeout)
   */
  public Quarantine(Topic<byte[], byte[]> topic, KafkaOperations<byte[], byte[]> kafka,
                    MeterRegistry meters, Duration writeTimeout) {
    this.topic = topic;
    this.kafka = kafka;
    this.meters = meters;
    this.writeTimeout = writeTimeout;
  }

  public String topicName() {
    return topic.name();
  }

  /**
   * Declares that {@code consumer} reads {@code sourceTopic}, so that its counter exists (at
   * zero) before anything is quarantined and an alert rule sees the first one.
   */
  public void expect(String sourceTopic, String consumer) {
    counter(sourceTopic, consumer);
  }

  /** Quarantines a record; completes once the quarantine topic has it. */
  public CompletableFuture<QuarantinedRecord> quarantine(SourceRecord record, String consumer,
                                                         Throwable failure) {
    QuarantineReason reason = QuarantineReason.of(failure);
    ProducerRecord<byte[], byte[]> quarantined =
        new ProducerRecord<>(topic.name(), null, null, record.key(), record.value());
    Headers headers = quarantined.headers();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    add(headers, QuarantineHeaders.SOURCE_TOPIC, record.topic());
    add(headers, QuarantineHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
    add(headers, QuarantineHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
    add(headers, QuarantineHeaders.SOURCE_TIMESTAMP,
        Instant.ofEpochMilli(record.timestamp()).toString());
    add(headers, QuarantineHeaders.CONSUMER, consumer);
    add(headers, QuarantineHeaders.REASON, reason.name());
    add(headers, QuarantineHeaders.ERROR_TYPE, failure.getClass().getName());
    add(headers, QuarantineHeaders.ERROR, String.valueOf(failure.getMessage()));
    if (record.reencoded()) {
      add(headers, QuarantineHeaders.REENCODED, "true");
    }
    QuarantinedRecord metadata = new QuarantinedRecord(record.topic(), record.partition(),
        record.offset(), consumer, reason, failure.getClass().getSimpleName(), Instant.now(),
        record.key() == null ? 0 : record.key().length,
        record.value() == null ? 0 : record.value().length);
    CompletableFuture<QuarantinedRecord> stored;
    try {
      stored = kafka.send(quarantined).thenApply(sent -> metadata);
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    return stored.whenComplete((done, error) -> {
      if (error != null) {
        log.warn("Cannot quarantine the record at {}-{} offset {} read by {} yet: {}",
            record.topic(), record.partition(), record.offset(), consumer, error.toString());
        return;
      }
      counter(record.topic(), consumer).increment();
      remember(metadata);
      log.error("Quarantined the record at {}-{} offset {} read by {}: {} ({}); see {}",
          record.topic(), record.partition(), record.offset(), consumer, reason,
          metadata.errorType(), topic.name());
    });
  }

  /**
   * Quarantines a record and waits until the quarantine has it.
   *
   * @throws KafkaException if the quarantine cannot take it within the write timeout; the
   *     caller must not move past the record then
   */
  public QuarantinedRecord quarantineAndWait(SourceRecord record, String consumer,
                                             Throwable failure) {
    try {
      return quarantine(record, consumer, failure)
          .get(writeTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while quarantining a record", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("Cannot quarantine the record at " + record.topic() + "-"
          + record.partition() + " offset " + record.offset(),
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  /** Records this process quarantined, in total. */
  public long count() {
    return (long) counters.values().stream().mapToDouble(Counter::count).sum();
  }

  /** The latest records this process quarantined, newest first: metadata only. */
  public List<QuarantinedRecord> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private void remember(QuarantinedRecord metadata) {
    synchronized (recent) {
      recent.addFirst(metadata);
      while (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
  }

  private Counter counter(String sourceTopic, String consumer) {
    return counters.computeIfAbsent(sourceTopic + "\n" + consumer, key -> Counter.builder(COUNTER)
        .description("Records a consumer could not decode or process, put in the quarantine")
        .tags("topic", sourceTopic, "consumer", consumer).register(meters));
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
