package org.tocsin.dispatcher.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Writes {@link DeliveryStatus} events (key: task id) with an idempotent, acks=all producer. Each
 * carries an {@value #ORIGIN_HEADER} header naming this process, so that the process's own send
 * ledger can skip reading back what it already knows.
 */
public final class StatusPublisher {

  /** Header naming the process that wrote a status. */
  public static final String ORIGIN_HEADER = "tocsin-origin";

  private final KafkaOperations<String, SpecificRecord> kafka;
  private final Topic<String, DeliveryStatus> topic;
  private final byte[] origin;

  /**
   * @param origin a name unique to this process run (a restarted process is another origin)
   */
  public StatusPublisher(KafkaOperations<String, SpecificRecord> kafka,
                         Topic<String, DeliveryStatus> topic, String origin) {
    this.kafka = kafka;
    this.topic = topic;
    this.origin = origin.getBytes(StandardCharsets.UTF_8);
  }

  /** Completes once the broker has the status. */
  public CompletableFuture<SendResult<String, SpecificRecord>> publish(DeliveryStatus status) {
    try {
      ProducerRecord<String, SpecificRecord> record =
          new ProducerRecord<>(topic.name(), status.getTaskId(), status);
      record.headers().add(ORIGIN_HEADER, origin);
      return kafka.send(record);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A status of a task, without provider details. */
  public static DeliveryStatus.Builder of(DeliveryTask task, DeliveryOutcome outcome) {
    return DeliveryStatus.newBuilder()
        .setTaskId(task.getTaskId())
        .setOutcome(outcome)
        .setAt(Instant.now())
        .setChannel(task.getChannel())
        .setLane(task.getLane())
        .setKind(task.getKind())
        .setAlertId(task.getAlertId())
        .setAlertVersion(task.getAlertVersion())
        .setSubscriberId(task.getSubscriberId())
        .setZoneIds(List.copyOf(task.getZoneIds()))
        .setAttempt(0)
        .setProvider(null)
        .setProviderMessageId(null)
        .setErrorCode(null)
        .setReason(null)
        .setFanOut(null);
  }
}
