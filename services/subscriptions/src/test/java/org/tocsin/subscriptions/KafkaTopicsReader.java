package org.tocsin.subscriptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.SubscriberChanged;

/** Reads Tocsin's topics the way a dispatcher does: committed records, from the beginning. */
public final class KafkaTopicsReader {

  static {
    EventTypes.all();
  }

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

  private final String bootstrapServers;
  private final Topics topics = Topics.DEFAULTS;

  public KafkaTopicsReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Every committed record of the topic, in offset order per partition. */
  public <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
    try (KafkaConsumer<String, V> consumer = consumer(topic)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic.name() + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Waits until a record matching {@code wanted} is on the topic, and returns it. */
  public <V> ConsumerRecord<String, V> await(Topic<String, V> topic,
                                             Predicate<ConsumerRecord<String, V>> wanted,
                                             Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ConsumerRecord<String, V>> found = readAll(topic).stream().filter(wanted)
          .reduce((first, second) -> second);
      if (found.isPresent()) {
        return found.get();
      }
      sleep(200);
    }
    throw new AssertionError("No matching record on " + topic.name() + " within " + timeout);
  }

  /** The latest verification task sent to this recipient. */
  public DeliveryTask awaitVerificationTask(Channel channel, String recipient) {
    return await(topics.verifications(channel),
        record -> recipient.equals(record.key()), Duration.ofSeconds(30)).value();
  }

  /** The latest verification task sent to this recipient on behalf of this subscription. */
  public DeliveryTask awaitVerificationTask(Channel channel, String recipient, UUID subscriberId) {
    return await(topics.verifications(channel),
        record -> recipient.equals(record.key())
            && subscriberId.toString().equals(record.value().getSubscriberId()),
        Duration.ofSeconds(30)).value();
  }

  /** The code in the latest verification message sent to this recipient. */
  public String awaitCode(Channel channel, String recipient) {
    return codeIn(awaitVerificationTask(channel, recipient));
  }

  /** The latest event of this subscriber on the subscriptions topic, once it has a revision. */
  public ConsumerRecord<String, SubscriberChanged> awaitSubscriber(
      UUID subscriberId, Predicate<SubscriberChanged> wanted) {
    return await(topics.subscriptions(), record -> record.key().equals(subscriberId.toString())
        && wanted.test(record.value()), Duration.ofSeconds(30));
  }

  public List<ConsumerRecord<String, SubscriberChanged>> subscriberEvents(UUID subscriberId) {
    return readAll(topics.subscriptions()).stream()
        .filter(record -> record.key().equals(subscriberId.toString())).toList();
  }

  public static String codeIn(DeliveryTask task) {
    Matcher matcher = CODE.matcher(task.getMessage().getShortText());
    if (!matcher.find()) {
      throw new AssertionError("No code in the verification message");
    }
    return matcher.group(1);
  }

  private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "subscriptions-it-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
