package org.tocsin.kafka.clients;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place where Tocsin's Kafka clients get the settings that its guarantees rest on,
 * on top of whatever the service configures (bootstrap servers, security):
 * <ul>
 *   <li>consumers read committed records only ({@code read_committed}: what an aborted
 *       transaction wrote is never seen), never commit by themselves, start from the earliest
 *       record when their group has no offset, and choose their own group;</li>
 *   <li>producers are idempotent with {@code acks=all}, and transactional ones abort what a
 *       crash left open within the transaction timeout;</li>
 *   <li>every client has explicit {@link ClientTimeouts}.</li>
 * </ul>
 * Each call returns a new mutable map, which the caller completes (group id, serializers...).
 */
public final class KafkaClientDefaults {

  private final Map<String, Object> consumer;
  private final Map<String, Object> producer;
  private final Map<String, Object> admin;
  private final ClientTimeouts timeouts;

  /**
   * @param consumer, producer, admin what the service configured for each kind of client
   */
  public KafkaClientDefaults(Map<String, Object> consumer, Map<String, Object> producer,
                             Map<String, Object> admin, ClientTimeouts timeouts) {
    this.consumer = Map.copyOf(consumer);
    this.producer = Map.copyOf(producer);
    this.admin = Map.copyOf(admin);
    this.timeouts = timeouts;
  }

  public ClientTimeouts timeouts() {
    return timeouts;
  }

  /** A consumer's settings; the caller sets a group id if it reads in a group. */
  public Map<String, Object> consumer(String clientId) {
    Map<String, Object> config = new HashMap<>(consumer);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(timeouts.request()));
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeouts.defaultApi()));
    return config;
  }

  /** A consumer's settings in group {@code groupId}. */
  public Map<String, Object> groupConsumer(String clientId, String groupId) {
    Map<String, Object> config = consumer(clientId);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    return config;
  }

  /** An idempotent, non-transactional producer's settings. */
  public Map<String, Object> producer(String clientId) {
    Map<String, Object> config = new HashMap<>(producer);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(timeouts.request()));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeouts.maxBlock()));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(timeouts.delivery()));
    // Kafka refuses a delivery timeout below linger + request timeout.
    long linger = lingerMillis(config);
    if (linger + timeouts.request().toMillis() > timeouts.delivery().toMillis()) {
      throw new IllegalArgumentException("linger.ms (" + linger + ") plus the request timeout ("
          + timeouts.request() + ") exceed the delivery timeout (" + timeouts.delivery() + ")");
    }
    return config;
  }

  /**
   * A transactional producer's settings. Without a transactional id (Spring's producer factories
   * set their own, from a prefix), only the transaction timeout is added.
   */
  public Map<String, Object> transactionalProducer(String clientId, String transactionalId) {
    Map<String, Object> config = producer(clientId);
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, millis(timeouts.transaction()));
    return config;
  }

  /** An admin client's settings. */
  public Map<String, Object> admin(String clientId) {
    Map<String, Object> config = new HashMap<>(admin);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(timeouts.request()));
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeouts.defaultApi()));
    return config;
  }

  private static int millis(java.time.Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  private static long lingerMillis(Map<String, Object> config) {
    Object linger = config.get(ProducerConfig.LINGER_MS_CONFIG);
    return linger == null ? 5 : Long.parseLong(linger.toString());
  }
}
