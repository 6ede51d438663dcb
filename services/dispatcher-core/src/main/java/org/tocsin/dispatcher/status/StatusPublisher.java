package org.tocsin.dispatcher.status;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;

/** Writes {@link DeliveryStatus} events (key: task id) with an idempotent, acks=all producer. */
public final class StatusPublisher {

  private final KafkaOperations<String, SpecificRecord> kafka;
  private final Topic<String, DeliveryStatus> topic;

  public StatusPublisher(KafkaOperations<String, SpecificRecord> kafka,
                         Topic<String, DeliveryStatus> topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  /** Completes once the broker has the status. */
  public CompletableFuture<SendResult<String, SpecificRecord>> publish(DeliveryStatus status) {
    try {
      return kafka.send(topic.name(), status.getTaskId(), status);
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
