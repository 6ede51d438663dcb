package org.tocsin.dispatcher.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.tocsin.dispatcher.area.AlertArea;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.TaskKind;

/**
 * Turns an alert event into one {@link DeliveryTask} per recipient of this channel, on the lane
 * its priority calls for, keyed by recipient address: consume-transform-produce in Kafka
 * transactions together with the alert's consumer offset. A large fan-out commits in chunks so
 * that senders start early; each chunk's transaction also stores how far it got (a
 * {@link ResumeMarker}), so a crash leaves no partial chunk and a restart neither loses nor
 * repeats a recipient. The last transaction carries the fan-out report to the delivery-status
 * topic and moves the offset past the alert.
 *
 * <p>Targets {@code area ∪ previousArea}: an update reaches everyone in the new area and
 * everyone an earlier version targeted; a cancel reaches everyone (the sender then keeps it for
 * those the alert actually reached).
 */
public final class FanOut implements ConsumerAwareMessageListener<String, AlertEvent> {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);
  private static final int FIRST_CHUNK = 1000;

  private final Channel channel;
  private final SubscriberDirectory directory;
  private final KafkaOperations<String, SpecificRecord> kafka;
  private final Topics topics;
  private final int chunkSize;
  private final Counter targeted;
  private final Timer matching;
  private final Timer duration;

  public FanOut(Channel channel, SubscriberDirectory directory,
                KafkaOperations<String, SpecificRecord> transactionalKafka, Topics topics,
                int chunkSize, MeterRegistry meters) {
    if (!transactionalKafka.isTransactional()) {
      throw new IllegalArgumentException("Fan-out needs a transactional Kafka template");
    }
    this.channel = channel;
    this.directory = directory;
    this.kafka = transactionalKafka;
    this.topics = topics;
    this.chunkSize = chunkSize;
    this.targeted = Counter.builder("tocsin.dispatcher.targeted")
        .description("Recipients targeted by fan-outs").tag("channel", channel.name())
        .register(meters);
    this.matching = Timer.builder("tocsin.dispatcher.fanout.matching")
        .description("Time to find the recipients of an alert").tag("channel", channel.name())
        .register(meters);
    this.duration = Timer.builder("tocsin.dispatcher.fanout.duration")
        .description("Time from reading an alert to its last task committed")
        .tag("channel", channel.name()).register(meters);
  }

  @Override
  public void onMessage(ConsumerRecord<String, AlertEvent> record, Consumer<?, ?> consumer) {
    long started = System.nanoTime();
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    AlertEvent alert = record.value();
    if (alert == null) {
      commitOffsetOnly(partition, record.offset(), consumer);
      return;
    }
    String skipReason = skipReason(alert);
    Lane lane = AlertRules.lane(alert.getStatus(), alert.getSeverity());
    List<String> zoneIds = zoneIds(alert.getArea(), alert.getPreviousArea());
    Recipients recipients;
    long matchingNanos = 0;
    if (skipReason == null) {
      recipients = directory.match(AlertArea.of(alert.getArea(), alert.getPreviousArea()),
          zoneIds, alert.getSent().toEpochMilli(), alert.getCategories(),
          AlertRules.lifeSafety(alert.getStatus(), alert.getSeverity()));
      matchingNanos = System.nanoTime() - started;
      matching.record(matchingNanos, TimeUnit.NANOSECONDS);
    } else {
      recipients = null;
      log.info("Alert {} version {} is not fanned out on {}: {}", alert.getAlertId(),
          alert.getVersion(), channel, skipReason);
    }
    int total = recipients == null ? 0 : recipients.size();
    int start = resumeIndex(consumer, partition, record.offset(), alert, recipients);
    if (start > 0) {
      log.info("Resuming the fan-out of alert {} version {} on {} after {} of {} recipients",
          alert.getAlertId(), alert.getVersion(), channel, start, total);
    }
    AlertMessages messages = skipReason == null ? new AlertMessages(alert.getInfos(), channel) : null;
    String topic = topics.deliveries(channel, lane).name();
    Instant createdAt = Instant.now();
    int from = start;
    do {
      // A small first chunk, so that senders start as soon as possible.
      int to = Math.min(total, from + (from == start ? Math.min(chunkSize, FIRST_CHUNK) : chunkSize));
      boolean last = to == total;
      int chunkStart = from;
      long matchingMillis = TimeUnit.NANOSECONDS.toMillis(matchingNanos);
      kafka.executeInTransaction(operations -> {
        operations.execute(producer -> {
          for (int i = chunkStart; i < to; i++) {
            DeliveryTask task = task(alert, lane, recipients, i, zoneIds, messages, createdAt);
            producer.send(new ProducerRecord<>(topic, task.getRecipient(), task));
          }
          return null;
        });
        OffsetAndMetadata offset;
        if (last) {
          DeliveryStatus report = report(alert, lane, zoneIds, recipients, matchingMillis,
              started, skipReason);
          operations.send(topics.deliveryStatus().name(), report.getTaskId(), report);
          offset = new OffsetAndMetadata(record.offset() + 1);
        } else {
          offset = new OffsetAndMetadata(record.offset(), ResumeMarker.of(alert.getAlertId(),
              alert.getVersion(), recipients.subscriberId(to - 1)));
        }
        operations.sendOffsetsToTransaction(Map.of(partition, offset), consumer.groupMetadata());
        return null;
      });
      from = to;
    } while (from < total);
    targeted.increment(total - start);
    long elapsed = System.nanoTime() - started;
    duration.record(elapsed, TimeUnit.NANOSECONDS);
    log.info("Fanned out alert {} version {} on {}: {} recipients ({} ms matching, {} ms in all)",
        alert.getAlertId(), alert.getVersion(), channel, total,
        TimeUnit.NANOSECONDS.toMillis(matchingNanos), TimeUnit.NANOSECONDS.toMillis(elapsed));
  }

  private String skipReason(AlertEvent alert) {
    if (!alert.getChannels().isEmpty() && !alert.getChannels().contains(channel)) {
      return "channel not requested";
    }
    if (alert.getStatus() == AlertStatus.SYSTEM) {
      return "SYSTEM messages are not for the public";
    }
    if (!alert.getExpires().isAfter(Instant.now())) {
      return "expired before its fan-out";
    }
    if (alert.getInfos().isEmpty()) {
      return "no texts";
    }
    return null;
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
    Optional<String> last = ResumeMarker.lastSubscriber(committed.metadata(), alert.getAlertId(),
        alert.getVersion());
    return last.map(recipients::indexAfter).orElse(0);
  }

  private DeliveryTask task(AlertEvent alert, Lane lane, Recipients recipients, int index,
                            List<String> zoneIds, AlertMessages messages, Instant createdAt) {
    String subscriberId = recipients.subscriberId(index);
    Message message = messages.forLanguage(recipients.language(index));
    int[] followed = recipients.followedZones(index);
    List<String> zones = List.of();
    if (followed.length > 0) {
      zones = new ArrayList<>(followed.length);
      for (int zone : followed) {
        zones.add(zoneIds.get(zone));
      }
    }
    return new DeliveryTask(
        TaskIds.forAlert(alert.getAlertId(), alert.getVersion(), subscriberId, channel),
        TaskKind.ALERT, channel, lane, subscriberId, recipients.address(index),
        recipients.extra(index) instanceof PushKeys keys ? keys : null,
        alert.getAlertId(), alert.getVersion(), alert.getIdentifier(), alert.getStatus(),
        alert.getMsgType(), alert.getSeverity(), message, zones, createdAt, alert.getExpires());
  }

  private DeliveryStatus report(AlertEvent alert, Lane lane, List<String> zoneIds,
                                Recipients recipients, long matchingMillis, long started,
                                String skipReason) {
    Map<String, Long> byZone = new HashMap<>();
    if (recipients != null) {
      for (int i = 0; i < recipients.size(); i++) {
        for (int zone : recipients.followedZones(i)) {
          byZone.merge(zoneIds.get(zone), 1L, Long::sum);
        }
      }
    }
    String key = "fanout/" + alert.getAlertId() + "/" + alert.getVersion() + "/" + channel.name();
    return DeliveryStatus.newBuilder()
        .setTaskId(key)
        .setOutcome(DeliveryOutcome.FANNED_OUT)
        .setAt(Instant.now())
        .setChannel(channel)
        .setLane(lane)
        .setKind(TaskKind.ALERT)
        .setAlertId(alert.getAlertId())
        .setAlertVersion(alert.getVersion())
        .setSubscriberId(null)
        .setZoneIds(zoneIds)
        .setAttempt(0)
        .setProvider(null)
        .setProviderMessageId(null)
        .setErrorCode(null)
        .setReason(skipReason)
        .setFanOut(FanOutReport.newBuilder()
            .setTargeted(recipients == null ? 0 : recipients.size())
            .setTargetedByZone(byZone)
            .setMatchingMillis(matchingMillis)
            .setDurationMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
            .build())
        .build();
  }

  private void commitOffsetOnly(TopicPartition partition, long offset, Consumer<?, ?> consumer) {
    kafka.executeInTransaction(operations -> {
      operations.sendOffsetsToTransaction(
          Map.of(partition, new OffsetAndMetadata(offset + 1)), consumer.groupMetadata());
      return null;
    });
  }

  private static List<String> zoneIds(Area area, Area previousArea) {
    Set<String> ids = new LinkedHashSet<>(area.getZoneIds());
    if (previousArea != null) {
      ids.addAll(previousArea.getZoneIds());
    }
    return List.copyOf(ids);
  }
}
