package org.tocsin.local.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.TaskKind;

/**
 * The verification codes subscriptions sends by SMS, read from the delivery tasks it publishes
 * (as the SMS dispatcher does), so that the demo seed can confirm the numbers it registers.
 * Follows only what is published after it starts.
 */
final class VerificationCodes implements AutoCloseable {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

  private final KafkaConsumer<String, DeliveryTask> consumer;
  private final Map<String, CompletableFuture<String>> byNumber = new ConcurrentHashMap<>();
  private final Thread follower;
  private volatile boolean running = true;

  private VerificationCodes(KafkaConsumer<String, DeliveryTask> consumer) {
    this.consumer = consumer;
    this.follower = Thread.ofPlatform().name("demo-verification-codes").daemon()
        .unstarted(this::follow);
  }

  static VerificationCodes follow(String bootstrapServers) {
    Topic<String, DeliveryTask> tasks = Topics.DEFAULTS.verifications(Channel.SMS);
    KafkaConsumer<String, DeliveryTask> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "local-demo-seed-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        tasks.keySerde().deserializer(), tasks.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(tasks.name()).stream()
        .map(info -> new TopicPartition(tasks.name(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    VerificationCodes codes = new VerificationCodes(consumer);
    codes.follower.start();
    return codes;
  }

  /** The code sent to this number, once its task is published. */
  String await(String number, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return byNumber.computeIfAbsent(number, key -> new CompletableFuture<>())
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void follow() {
    try {
      while (running) {
        for (ConsumerRecord<String, DeliveryTask> record : consumer.poll(Duration.ofMillis(200))) {
          DeliveryTask task = record.value();
          Matcher code = CODE.matcher(task.getMessage().getShortText());
          if (task.getKind() == TaskKind.VERIFICATION && code.find()) {
            byNumber.computeIfAbsent(record.key(), key -> new CompletableFuture<>())
                .complete(code.group(1));
          }
        }
      }
    } catch (WakeupException stopping) {
      // closed
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    follower.join(Duration.ofSeconds(10));
  }
}
