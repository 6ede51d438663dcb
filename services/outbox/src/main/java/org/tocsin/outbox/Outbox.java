package org.tocsin.outbox;

import org.tocsin.events.topics.Topic;

/**
 * Where a service puts the events that announce its state changes. The event is stored in the
 * caller's database transaction, so it exists if and only if the change was committed, and the
 * {@link OutboxRelay} publishes it to Kafka afterwards, retrying until the broker takes it.
 *
 * <p>Events of one key reach Kafka in the order they were added, provided the service serialises
 * the changes of one key (for example by locking the row the key names).
 */
public interface Outbox {

  /**
   * Adds an event to the current transaction; a null value is a tombstone.
   *
   * @throws IllegalStateException if no transaction is active
   * @throws OversizedEventException if the serialized event exceeds the configured maximum
   */
  <V> void add(Topic<String, V> topic, String key, V value);
}
