package org.tocsin.dispatcher.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareMessageListener;
import org.tocsin.dispatcher.alert.AlertRules;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

/**
 * The fan-out of one lane: turns each alert event of its lane into one {@link DeliveryTask} per
 * recipient ({@link FanOutTargets}), keyed by recipient address, consume-transform-produce in
 * Kafka transactions with the alert's consumer offset. Each lane has its own consumer group,
 * thread and transactional producer, so a high-lane alert's fan-out starts at once however
 * large the normal-lane fan-out running beside it, which waits between its chunks while a
 * high-lane one runs ({@link LanePriority}).
 *
 * <p>A large fan-out commits in chunks so that senders start early; each chunk's transaction
 * also stores how far it got (a {@link ResumeMarker}), so a crash leaves no partial chunk and a
 * restart neither loses nor repeats a recipient. Before each chunk it checks the alert's latest
 * version: once an UPDATE or CANCEL is known, the superseded version gets no more tasks (the
 * correction reaches those it did reach). The last transaction moves the offset past the alert;
 * the fan-out report then goes to the {@link StatusOutbox}, so that an unavailable
 * delivery-status topic never holds tasks back.
 */
public final class FanOut implements ConsumerAwareMessageListener<String, AlertEvent> {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);
  private static final int FIRST_CHUNK = 1000;

  private final Lane lane;
  private final Channel channel;
  private final FanOutTargets targets;
  private final AlertStates alerts;
  private final KafkaOperations<String, SpecificRecord> kafka;
  private final String topic;
  private final int chunkSize;
  private final LanePriority priority;
  private final StatusOutbox statuses;
  private final Counter targeted;
  private final Timer matching;
  private final Timer duration;

  public FanOut(Lane lane, Channel channel, FanOutTargets targets, AlertStates alerts,
                KafkaOperations<String, SpecificRecord> transactionalKafka, Topics topics,
                int chunkSize, LanePriority priority, StatusOutbox statuses,
                MeterRegistry meters) {
    if (!transactionalKafka.isTransactional()) {
      throw new IllegalArgumentException("Fan-out needs a transactional Kafka template");
    }
    this.lane = lane;
    this.channel = channel;
    this.targets = targets;
    this.alerts = alerts;
    this.kafka = transactionalKafka;
    this.topic = topics.deliveries(channel, lane).name();
    this.chunkSize = chunkSize;
    this.priority = priority;
    this.statuses = statuses;
    String laneName = lane.name().toLowerCase();
    this.targeted = Counter.builder("tocsin.dispatcher.targeted")
        .description("Recipients targeted by fan-outs")
        .tags("channel", channel.name(), "lane", laneName).register(meters);
    this.matching = Timer.builder("tocsin.dispatcher.fanout.matching")
        .description("Time to find the recipients of an alert")
        .tags("channel", channel.name(), "lane", laneName).register(meters);
    this.duration = Timer.builder("tocsin.dispatcher.fanout.duration")
        .description("Time from reading an alert to its last task committed")
        .tags("channel", channel.name(), "lane", laneName).register(meters);
  }

  @Override
  public void onMessage(ConsumerRecord<String, AlertEvent> record, Consumer<?, ?> consumer) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    AlertEvent alert = record.value();
    if (alert == null || AlertRules.lane(alert.getStatus(), alert.getSeverity()) != lane) {
      commit(partition, new OffsetAndMetadata(record.offset() + 1), consumer);
      return;
    }
    // Known at once, so that a late subscriber applied from now on is checked against it.
    alerts.record(alert, record.partition());
    priority.started(lane);
    try {
      fanOut(record, partition, alert, consumer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted in the fan-out of " + alert.getAlertId(), e);
    } finally {
      priority.ended(lane);
    }
  }

  private void fanOut(ConsumerRecord<String, AlertEvent> record, TopicPartition partition,
                      AlertEvent alert, Consumer<?, ?> consumer) throws InterruptedException {
    long started = System.nanoTime();
    String reason = AlertTasks.skipReason(alert, channel, Instant.now());
    if (reason == null) {
      reason = supersededReason(alert);
    }
    AlertTasks tasks = new AlertTasks(alert, channel);
    Recipients recipients = null;
    if (reason == null) {
      recipients = targets.of(tasks);
      matching.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    } else {
      log.info("Alert {} version {} is not fanned out on {}: {}", alert.getAlertId(),
          alert.getVersion(), channel, reason);
    }
    long matchingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    int total = recipients == null ? 0 : recipients.size();
    int start = resumeIndex(consumer, partition, record.offset(), alert, recipients);
    if (start > 0) {
      log.info("Resuming the fan-out of alert {} version {} on {} after {} of {} recipients",
          alert.getAlertId(), alert.getVersion(), channel, start, total);
    }
    Instant createdAt = Instant.now();
    int from = start;
    do {
      priority.awaitTurn(lane);
      String stop = from > start ? supersededReason(alert) : null;
      if (stop != null) {
        reason = stop + " after " + from + " of " + total + " recipients";
        log.info("Alert {} version {} on {}: {}", alert.getAlertId(), alert.getVersion(),
            channel, reason);
        total = from;
      }
      // A small first chunk, so that senders start as soon as possible.
      int to = Math.min(total, from + (from == start ? Math.min(chunkSize, FIRST_CHUNK) : chunkSize));
      OffsetAndMetadata offset = to == total ? new OffsetAndMetadata(record.offset() + 1)
          : new OffsetAndMetadata(record.offset(), ResumeMarker.of(alert.getAlertId(),
              alert.getVersion(), recipients.subscriberId(to - 1)));
      writeChunk(tasks, recipients, from, to, createdAt, partition, offset, consumer);
      from = to;
    } while (from < total);
    targeted.increment(total - start);
    long elapsed = System.nanoTime() - started;
    duration.record(elapsed, TimeUnit.NANOSECONDS);
    statuses.write(FanOutReports.of(alert, channel, lane, tasks.zoneIds(), recipients, total,
        matchingMillis, TimeUnit.NANOSECONDS.toMillis(elapsed), reason));
    log.info("Fanned out alert {} version {} on {}: {} recipients ({} ms matching, {} ms in all)",
        alert.getAlertId(), alert.getVersion(), channel, total, matchingMillis,
        TimeUnit.NANOSECONDS.toMillis(elapsed));
  }

  /** One transaction: the tasks of recipients {@code from} to {@code to}, and the offset. */
  private void writeChunk(AlertTasks tasks, Recipients recipients, int from, int to,
                          Instant createdAt, TopicPartition partition, OffsetAndMetadata offset,
                          Consumer<?, ?> consumer) {
    kafka.executeInTransaction(operations -> {
      if (to > from) {
        operations.execute(producer -> {
          for (int i = from; i < to; i++) {
            DeliveryTask task = tasks.task(recipients, i, createdAt);
            producer.send(new ProducerRecord<>(topic, task.getRecipient(), task));
          }
          return null;
        });
      }
      operations.sendOffsetsToTransaction(Map.of(partition, offset), consumer.groupMetadata());
      return null;
    });
  }

  private String supersededReason(AlertEvent alert) {
    Optional<AlertEvent> latest = alerts.latest(alert.getAlertId());
    return latest.isPresent() && latest.get().getVersion() > alert.getVersion()
        ? "superseded by version " + latest.get().getVersion() : null;
  }

  private int resumeIndex(Consumer<?, ?> consumer, TopicPartition partition, long offset,
                          AlertEvent alert, Recipients recipients) {
    if (recipients == null) {
      return 0;
    }
    OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
    if (committed == null || committed.offset() != offset) {
      return 0;
    }
    return ResumeMarker.lastSubscriber(committed.metadata(), alert.getAlertId(),
        alert.getVersion()).map(recipients::indexAfter).orElse(0);
  }

  private void commit(TopicPartition partition, OffsetAndMetadata offset,
                      Consumer<?, ?> consumer) {
    kafka.executeInTransaction(operations -> {
      operations.sendOffsetsToTransaction(Map.of(partition, offset), consumer.groupMetadata());
      return null;
    });
  }
}
