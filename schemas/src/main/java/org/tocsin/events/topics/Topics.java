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
 *   <tr><td>dead letters per channel</td><td>recipient address</td>
 *       <td>{@link DeliveryTask}</td></tr>
 *   <tr><td>delivery status</td><td>task id</td><td>{@link DeliveryStatus}</td></tr>
 *   <tr><td>zones (compacted)</td><td>zone id</td>
 *       <td>{@link ZoneChanged}, or a tombstone when deleted</td></tr>
 *   <tr><td>contacts gone (kept a week)</td><td>subscriber id</td>
 *       <td>{@link ContactGone}</td></tr>
 *   <tr><td>quarantine</td><td>the source record's key bytes</td>
 *       <td>the source record's value bytes, its origin and the reason in headers</td></tr>
 *   <tr><td>instance leases (one partition)</td><td colspan="2">nothing: a consumer group per
 *       instance id holds its partition as the lease</td></tr>
 * </table>
 */
public final class Topics {

  private static final Serde<String> KEYS = Serdes.String();
  /** Compacted: the latest value per key; a tombstone stays a day for every reader to see it. */
  private static final Map<String, String> COMPACTED = Map.of(
      TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
      TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(24L * 3600 * 1000),
      TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
  /**
   * Contacts gone carry addresses (personal data) and matter only until the subscriptions
   * service has applied them: kept a week, which covers any outage of that service.
   */
  private static final Map<String, String> KEPT_A_WEEK = Map.of(
      TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000));

  /**
   * What a consumer could not decode or process may hold personal data: it is deleted after 7
   * days, the bound within which an erasure reaches every copy.
   */
  static final Duration QUARANTINE_RETENTION = Duration.ofDays(7);
  private static final Map<String, String> QUARANTINE = Map.of(
      TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
      TopicConfig.RETENTION_MS_CONFIG, String.valueOf(QUARANTINE_RETENTION.toMillis()));

  public static final Topics DEFAULTS = new Topics(TopicNames.defaults());

  private final TopicNames names;
  private final Topic<String, AlertEvent> alerts;
  private final Topic<String, SubscriberChanged> subscriptions;
  private final Topic<String, DeliveryStatus> deliveryStatus;
  private final Topic<String, ZoneChanged> zones;
  private final Topic<String, ContactGone> contactsGone;
  private final Topic<byte[], byte[]> quarantine;
  private final Topic<byte[], byte[]> instanceLeases;

  public Topics(TopicNames names) {
    this.names = names;
    this.alerts = topic(names.alerts(), AlertEvent.class, Map.of());
    this.subscriptions = topic(names.subscriptions(), SubscriberChanged.class, COMPACTED);
    this.deliveryStatus = topic(names.deliveryStatus(), DeliveryStatus.class, Map.of());
    this.zones = topic(names.zones(), ZoneChanged.class, COMPACTED);
    this.contactsGone = topic(names.contactsGone(), ContactGone.class, KEPT_A_WEEK);
    this.quarantine = new Topic<>(names.quarantine(), Serdes.ByteArray(), Serdes.ByteArray(),
        QUARANTINE);
    this.instanceLeases = new Topic<>(names.instanceLeases(), Serdes.ByteArray(),
        Serdes.ByteArray(), Map.of());
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
    return topic(names.deliveries(channel, lane), DeliveryTask.class, Map.of());
  }

  public Topic<String, DeliveryTask> deadLetters(Channel channel) {
    return topic(names.deadLetters(channel), DeliveryTask.class, Map.of());
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

  /**
   * Raw records that a consumer could not decode or process, as they were read: key and value
   * bytes, the source's headers, and headers naming the source, the consumer and the reason.
   */
  public Topic<byte[], byte[]> quarantine() {
    return quarantine;
  }

  /**
   * Never written to. Create it with exactly one partition: the consumer group of an instance id
   * assigns that partition to one live member, the holder of the id.
   */
  public Topic<byte[], byte[]> instanceLeases() {
    return instanceLeases;
  }

  /** Every topic a dispatcher of this channel reads or writes. */
  public List<Topic<String, ?>> forChannel(Channel channel) {
    List<Topic<String, ?>> topics = new ArrayList<>();
    topics.add(alerts);
    topics.add(subscriptions);
    for (Lane lane : Lane.values()) {
      topics.add(deliveries(channel, lane));
    }
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
      topics.add(deadLetters(channel));
    }
    return topics;
  }

  private static <V extends SpecificRecord> Topic<String, V> topic(
      String name, Class<V> valueType, Map<String, String> config) {
    return new Topic<>(name, KEYS, new EventSerde<>(valueType), config);
  }
}
