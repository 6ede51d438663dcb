package org.tocsin.deliverytracker.lookup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.deliverytracker.TrackerProperties;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.Category;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.security.Person;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

/**
 * For support: which tasks the fan-out made for one contact of one alert, and what became of
 * them. The tracker keeps no contacts, so it reads the channel's lanes from the alert's first
 * version on, within the configured record and time limits; every look-up is audited with the
 * contact masked.
 */
public final class RecipientLookup {

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Topics topics;
  private final DeliveryState state;
  private final JdbcTemplate jdbc;
  private final TrackerProperties.Lookup limits;
  private final Clock clock;

  public RecipientLookup(Supplier<Consumer<byte[], byte[]>> consumers, Topics topics,
                         DeliveryState state, JdbcTemplate jdbc,
                         TrackerProperties.Lookup limits, Clock clock) {
    this.consumers = consumers;
    this.topics = topics;
    this.state = state;
    this.jdbc = jdbc;
    this.limits = limits;
    this.clock = clock;
  }

  /** Empty if the tracker knows no such alert. */
  public java.util.Optional<LookupResult> lookUp(Person person, String alertId,
                                                 LookupRequest request) {
    List<AlertVersion> versions = state.read(all -> all.versions(alertId));
    if (versions.isEmpty()) {
      return java.util.Optional.empty();
    }
    String contact = request.contact().strip();
    Instant from = versions.getFirst().publishedAt().minus(Duration.ofMinutes(1));
    List<LookupResult.Task> tasks = new ArrayList<>();
    boolean complete = true;
    for (Lane lane : Lane.values()) {
      complete &= scan(topics.deliveries(request.channel(), lane), alertId, contact, from,
          request.channel(), tasks);
    }
    String masked = ContactMask.mask(contact);
    jdbc.update("insert into lookups (id, looked_up_at, issuer, subject, person, alert_id,"
        + " channel, masked_contact, found) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID(), Timestamp.from(clock.instant()), person.issuer(), person.subject(),
        person.name(), alertId, request.channel().name(), masked, !tasks.isEmpty());
    return java.util.Optional.of(new LookupResult(alertId, masked, complete, tasks));
  }

  private boolean scan(Topic<String, DeliveryTask> topic, String alertId, String contact,
                       Instant from, Channel channel, List<LookupResult.Task> found) {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    long read = 0;
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp start = starts.get(partition);
        consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
      }
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline || read >= limits.maxRecords()) {
          return false;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          read++;
          if (record.offset() >= ends.get(new TopicPartition(record.topic(),
              record.partition())) || record.value() == null) {
            continue;
          }
          DeliveryTask task = topic.valueSerde().deserializer().deserialize(record.topic(),
              record.value());
          if (alertId.equals(task.getAlertId()) && contact.equals(task.getRecipient())) {
            found.add(new LookupResult.Task(task.getAlertVersion(), task.getTaskId(),
                task.getLane(), categories(alertId, task.getAlertVersion(), channel,
                task.getTaskId())));
          }
        }
      }
      return true;
    }
  }

  private List<Category> categories(String alertId, int version, Channel channel,
                                    String taskId) {
    return state.read(all -> {
      SeriesFigures series = all.existing(new SeriesKey(alertId, version, channel));
      List<Category> categories = new ArrayList<>();
      if (series != null) {
        for (Category category : Category.values()) {
          if (series.contains(taskId, category)) {
            categories.add(category);
          }
        }
      }
      return categories;
    });
  }
}
