package org.tocsin.dispatcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.app.RecordingGateway;
import org.tocsin.dispatcher.app.TestDispatcher;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * A test dispatcher (dispatcher-core with a {@link RecordingGateway}) in this JVM on topics of
 * its own, with a client that publishes as the other services do.
 */
public final class RunningDispatcher implements AutoCloseable {

  /**
   * Anything the dispatcher does in reaction to a record happens within a producer's failure
   * bound of the record, after a poll: twice that bound is the longest any wait here lasts.
   */
  public static final Duration WAIT = ClientTimeouts.defaults().producerFailureBound()
      .multipliedBy(2);

  public final String prefix;
  public final Topics topics;
  public final TopicClient kafka;
  private final KafkaBroker broker;
  private final String[] arguments;
  private ConfigurableApplicationContext context;

  public RunningDispatcher(KafkaBroker broker, String name, String... arguments) {
    this.broker = broker;
    this.prefix = name + "-" + Long.toHexString(System.nanoTime());
    this.topics = TestDispatcher.topics(prefix);
    this.arguments = arguments;
    TestDispatcher.createTopics(broker, topics);
    this.kafka = new TopicClient(broker.bootstrapServers());
  }

  public RunningDispatcher start() {
    context = TestDispatcher.start(broker, prefix, topics, arguments);
    return this;
  }

  /** Stops the application (as a clean shutdown does); {@link #start()} starts it again. */
  public void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public RecordingGateway gateway() {
    return context.getBean(RecordingGateway.class);
  }

  public SubscriberDirectory directory() {
    return context.getBean(SubscriberDirectory.class);
  }

  public void publish(List<SubscriberChanged> subscribers) {
    subscribers.forEach(s -> kafka.send(topics.subscriptions(), s.getSubscriberId(), s));
    kafka.flush();
  }

  /** Publishes new subscribers and waits until the directory has them. */
  public void add(List<SubscriberChanged> subscribers) {
    int before = directory().size();
    publish(subscribers);
    awaitDirectory(before + subscribers.size());
  }

  public void erase(String subscriberId) {
    kafka.publish(topics.subscriptions(), subscriberId, null);
  }

  public void publish(AlertEvent alert) {
    kafka.publish(topics.alerts(), alert.getAlertId(), alert);
  }

  /** Waits until the directory holds {@code size} subscribers and sending has started. */
  public void awaitDirectory(int size) {
    await("the directory holding " + size + " subscribers", () -> directory().size() == size
        && context.getBean(SendingLoop.class).isSending());
  }

  /** The fan-out report of this alert version, once written. */
  public DeliveryStatus awaitReport(String alertId, int version) {
    List<ConsumerRecord<String, DeliveryStatus>> records = kafka.readUntil(
        topics.deliveryStatus(), all -> report(all, alertId, version) != null, WAIT);
    return report(records, alertId, version);
  }

  private static DeliveryStatus report(List<ConsumerRecord<String, DeliveryStatus>> records,
                                       String alertId, int version) {
    return records.stream().map(ConsumerRecord::value)
        .filter(s -> s.getOutcome() == DeliveryOutcome.FANNED_OUT
            && alertId.equals(s.getAlertId()) && s.getAlertVersion() == version)
        .findFirst().orElse(null);
  }

  /**
   * Waits until both lanes' consumer groups committed past every task on their topics: every
   * task read was finished (sent, ended, or found done already).
   */
  public void awaitLanesDone() {
    for (Lane lane : Lane.values()) {
      Topic<String, DeliveryTask> topic = topics.deliveries(Channel.SMS, lane);
      String group = prefix + "-send-" + lane.name().toLowerCase();
      await(group + " done with " + topic.name(), () -> {
        Map<Integer, Long> next = new HashMap<>();
        kafka.readAll(topic).forEach(record -> next.merge(record.partition(),
            record.offset() + 1, Math::max));
        try (Admin admin = broker.admin()) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
          return next.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(new TopicPartition(topic.name(),
                end.getKey()));
            return offset != null && offset.offset() >= end.getValue();
          });
        } catch (InterruptedException | ExecutionException e) {
          return false;
        }
      });
    }
  }

  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + WAIT + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    stop();
    kafka.close();
  }
}
