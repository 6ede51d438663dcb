package org.tocsin.dispatcher.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Writes single tasks outside a fan-out (to a late subscriber, or a correction to someone a
 * fan-out could not know was reached) with an idempotent, acks=all producer. A task written
 * twice has one id and is sent once.
 */
public final class TaskWriter {

  private final KafkaOperations<String, SpecificRecord> kafka;
  private final Topics topics;

  public TaskWriter(KafkaOperations<String, SpecificRecord> kafka, Topics topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  /** Completes once the broker has every task. */
  public CompletableFuture<Void> write(List<DeliveryTask> tasks) {
    List<CompletableFuture<?>> writes = new ArrayList<>(tasks.size());
    for (DeliveryTask task : tasks) {
      try {
        writes.add(kafka.send(topics.deliveries(task.getChannel(), task.getLane()).name(),
            task.getRecipient(), task));
      } catch (RuntimeException e) {
        writes.add(CompletableFuture.failedFuture(e));
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }
}
