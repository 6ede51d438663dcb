package org.tocsin.events.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.avro.specific.SpecificRecord;
import org.tocsin.events.serde.EventSerde;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneChanged;

/**
 * Every topic of Tocsin with its key and value serdes: the one place producers and consumers
 * take them from.
 *
 * <table>
 *   <tr><th>topic</th><th>key</th><th>value</th></tr>
 *   <tr><td>alerts</td><td>alert id</td><td>{@link AlertEvent}</td></tr>
 *   <tr><td>subscriptions (compacted)</td><td>subscriber id</td>
 *       <td>{@link SubscriberChanged}, or a tombstone on erasure</td></tr>
 *   <tr><td>deliveries per channel and lane</td><td>recipient address</td>
 *       <td>{@link DeliveryTask}</td></tr>
 *   <tr><td>verification messages per channel</td><td>recipient address</td>
 *       <td>{@link DeliveryTask} of kind VERIFICATION</td></tr>
 *   <tr><td>dead letters per channel</td><td>recipient address</td>
 *       <td>{@link DeliveryTask}</td></tr>
 *   <tr><td>delivery status</td><td>task id</td><td>{@link DeliveryStatus}</td></tr>
 *   <tr><td>zones (compacted)</td><td>zone id</td>
 *       <td>{@link ZoneChanged}, or a tombstone when deleted</td></tr>
 *   <tr><td>contacts gone (kept for the erasure bound)</td><td>subscriber id</td>
 *       <td>{@link ContactGone}</td></tr>
 * </table>
 *
 * <p>Every topic that carries contacts forgets them within {@link #ERASURE_BOUND} of their
 * erasure or change (see docs/decisions.md, "Erasure from Kafka"): a superseded state of the
 * subscriptions topic is compacted away by then, and deliveries, dead letters and contacts gone
 * are deleted by then. Verification messages, which carry working codes, are deleted within
 * {@link #VERIFICATION_BOUND}. A bound holds up to the broker's own check interval
 * ({@code log.retention.check.interval.ms}, 5 minutes by default, and the log cleaner's backoff).
 */
public final class Topics {

  /** How long Kafka may keep a person's contacts after they erased or changed them. */
  public static final Duration ERASURE_BOUND = Duration.ofDays(7);
  /** How long Kafka may keep a verification message, and so the code in it. */
  public static final Duration VERIFICATION_BOUND = Duration.ofHours(1);

  private static final Serde<String> KEYS = Serdes.String();
  /** Tombstones stay a day after compaction, for every reader to see them. */
  private static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);
  /**
   * Segments roll at least this often, so that time-based deletion and compaction reach the
   * newest records too: a segment is deleted or compacted only once it is closed.
   */
  private static final Duration SEGMENT = Duration.ofDays(1);
  private static final Duration VERIFICATION_SEGMENT = Duration.ofMinutes(10);

  /** Compacted: the latest value per key. */
  private static final Map<String, String> COMPACTED = Map.of(
      TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
      TopicConfig.DELETE_RETENTION_MS_CONFIG, millis(TOMBSTONE_RETENTION),
      TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
  /**
   * Compacted, and a superseded value (an erased or changed state) is compacted away within
   * the erasure bound: its segment closes within a day and the cleaner must compact it once it
   * is older than the bound less that day.
   */
  private static final Map<String, String> COMPACTED_ERASABLE = Map.of(
      TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
      TopicConfig.DELETE_RETENTION_MS_CONFIG, millis(TOMBSTONE_RETENTION),
      TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
      TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, millis(ERASURE_BOUND.minus(SEGMENT)),
      TopicConfig.SEGMENT_MS_CONFIG, millis(SEGMENT));
  private static final Map<String, String> DELETED_WITHIN_ERASURE_BOUND =
      deletedWithin(ERASURE_BOUND, SEGMENT);
  private static final Map<String, String> DELETED_WITHIN_VERIFICATION_BOUND =
      deletedWithin(VERIFICATION_BOUND, VERIFICATION_SEGMENT);

  public static final Topics DEFAULTS = new Topics(TopicNames.defaults());

  private final TopicNames names;
  private final Topic<String, AlertEvent> alerts;
  private final Topic<String, SubscriberChanged> subscriptions;
  private final Topic<String, DeliveryStatus> deliveryStatus;
  private final Topic<String, ZoneChanged> zones;
  private final Topic<String, ContactGone> contactsGone;

  public Topics(TopicNames names) {
    this.names = names;
    this.alerts = topic(names.alerts(), AlertEvent.class, Map.of());
    this.subscriptions = topic(names.subscriptions(), SubscriberChanged.class,
        COMPACTED_ERASABLE);
    this.deliveryStatus = topic(names.deliveryStatus(), DeliveryStatus.class, Map.of());
    this.zones = topic(names.zones(), ZoneChanged.class, COMPACTED);
    // Contacts gone carry addresses and matter only until the subscriptions service applied
    // them: kept for the erasure bound, which covers any outage of that service.
    this.contactsGone = topic(names.contactsGone(), ContactGone.class,
        DELETED_WITHIN_ERASURE_BOUND);
  }

  public TopicNames names() {
    return names;
  }

  public Topic<String, AlertEvent> alerts() {
    return alerts;
  }

  public Topic<String, SubscriberChanged> subscriptions() {
    return subscriptions;
  }

  public Topic<String, DeliveryTask> deliveries(Channel channel, Lane lane) {
    return topic(names.deliveries(channel, lane), DeliveryTask.class,
        DELETED_WITHIN_ERASURE_BOUND);
  }

  /** The channel's verification messages: sent on the normal lane, kept only briefly. */
  public Topic<String, DeliveryTask> verifications(Channel channel) {
    return topic(names.verifications(channel), DeliveryTask.class,
        DELETED_WITHIN_VERIFICATION_BOUND);
  }

  public Topic<String, DeliveryTask> deadLetters(Channel channel) {
    return topic(names.deadLetters(channel), DeliveryTask.class, DELETED_WITHIN_ERASURE_BOUND);
  }

  public Topic<String, DeliveryStatus> deliveryStatus() {
    return deliveryStatus;
  }

  public Topic<String, ZoneChanged> zones() {
    return zones;
  }

  public Topic<String, ContactGone> contactsGone() {
    return contactsGone;
  }

  /** Every topic a dispatcher of this channel reads or writes. */
  public List<Topic<String, ?>> forChannel(Channel channel) {
    List<Topic<String, ?>> topics = new ArrayList<>();
    topics.add(alerts);
    topics.add(subscriptions);
    for (Lane lane : Lane.values()) {
      topics.add(deliveries(channel, lane));
    }
    topics.add(verifications(channel));
    topics.add(deadLetters(channel));
    topics.add(deliveryStatus);
    return topics;
  }

  /** Every topic of Tocsin. */
  public List<Topic<String, ?>> all() {
    List<Topic<String, ?>> topics =
        new ArrayList<>(List.of(alerts, subscriptions, deliveryStatus, zones, contactsGone));
    for (Channel channel : Channel.values()) {
      for (Lane lane : Lane.values()) {
        topics.add(deliveries(channel, lane));
      }
      topics.add(verifications(channel));
      topics.add(deadLetters(channel));
    }
    return topics;
  }

  /**
   * Deleted within {@code bound}: a closed segment goes once its newest record is older than
   * the bound less one segment's span, and a segment closes after that span.
   */
  private static Map<String, String> deletedWithin(Duration bound, Duration segment) {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG, millis(bound.minus(segment)),
        TopicConfig.SEGMENT_MS_CONFIG, millis(segment));
  }

  private static String millis(Duration duration) {
    return String.valueOf(duration.toMillis());
  }

  private static <V extends SpecificRecord> Topic<String, V> topic(
      String name, Class<V> valueType, Map<String, String> config) {
    return new Topic<>(name, KEYS, new EventSerde<>(valueType), config);
  }
}
