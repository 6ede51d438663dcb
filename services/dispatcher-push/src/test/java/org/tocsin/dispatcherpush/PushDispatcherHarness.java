package org.tocsin.dispatcherpush;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.spring.RealKafka;

/**
 * dispatcher-push in this JVM against the real Kafka broker of the tests and the Java push
 * service fake, on topics, consumer groups and a port of its own for each test class.
 */
@SpringBootTest(classes = DispatcherPushApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@RealKafka
@DirtiesContext
public abstract class PushDispatcherHarness {

  protected static final PushServiceFake FAKE = PushServiceFake.start();
  protected static final VapidKeys VAPID = VapidKeys.generate();
  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  protected static TopicClient kafka;

  @Autowired
  protected Topics topics;
  @Autowired
  protected SubscriberDirectory directory;
  @Autowired
  protected SendingLoop sending;

  @DynamicPropertySource
  static void dispatcherProperties(DynamicPropertyRegistry registry) {
    String prefix = "push" + CONTEXTS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    int port = freePort();
    registry.add("server.port", () -> port);
    registry.add("spring.application.name", () -> "dispatcher-push-" + prefix);
    registry.add("tocsin.topics.alerts", () -> prefix + ".alerts");
    registry.add("tocsin.topics.subscriptions", () -> prefix + ".subscriptions");
    registry.add("tocsin.topics.deliveries", () -> prefix + ".deliveries.{channel}.{lane}");
    registry.add("tocsin.topics.dead-letters", () -> prefix + ".deliveries.{channel}.dead");
    registry.add("tocsin.topics.delivery-status", () -> prefix + ".delivery-status");
    registry.add("tocsin.topics.zones", () -> prefix + ".zones");
    registry.add("tocsin.topics.contacts-gone", () -> prefix + ".contacts-gone");
    registry.add("tocsin.topics.quarantine", () -> prefix + ".quarantine");
    registry.add("tocsin.topics.instance-leases", () -> prefix + ".instance-leases");
    registry.add("tocsin.dispatcher.instance-id", () -> prefix);
    registry.add("tocsin.dispatcher.topic-partitions", () -> 3);
    registry.add("tocsin.dispatcher.sending.first-retry-delay", () -> "100ms");
    registry.add("tocsin.dispatcher.sending.max-retry-delay", () -> "500ms");
    registry.add("tocsin.push.vapid.public-key", VAPID::publicKey);
    registry.add("tocsin.push.vapid.private-key", VAPID::privateKey);
    registry.add("tocsin.push.allow-insecure-endpoints", () -> true);
    registry.add("tocsin.push.alert-page-url", () -> "https://alert.example.be");
  }

  @BeforeEach
  void connect() {
    if (kafka == null) {
      kafka = new TopicClient(KafkaBrokers.shared().bootstrapServers());
    }
    FAKE.reset();
  }

  @AfterAll
  static void disconnect() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** A subscriber with a verified push contact at the fake (or elsewhere) at these places. */
  protected static SubscriberChanged pushSubscriber(String id, String endpoint, String p256dh,
                                                    String auth, String language,
                                                    Coordinate... places) {
    return Fixtures.subscriber(id, Channel.PUSH, endpoint, language, places)
        .setContacts(List.of(new Contact(Channel.PUSH, endpoint, true,
            new PushKeys(p256dh, auth)))).build();
  }

  protected static SubscriberChanged pushSubscriber(String id, FakeSubscription subscription,
                                                    String language, Coordinate... places) {
    return pushSubscriber(id, subscription.endpoint(), subscription.p256dh(),
        subscription.auth(), language, places);
  }

  /** Subscribers on a grid inside a square, each with a subscription of its own at the fake. */
  protected static List<SubscriberChanged> grid(String prefix, int count, double south,
                                                double west, double size) {
    List<SubscriberChanged> subscribers = new ArrayList<>();
    int side = (int) Math.ceil(Math.sqrt(count));
    FakeSubscription keys = FAKE.subscribe(VAPID.publicKey());
    for (int i = 0; i < count; i++) {
      double lat = south + size * (0.5 + i / side) / (side + 1);
      double lon = west + size * (0.5 + i % side) / (side + 1);
      subscribers.add(pushSubscriber(prefix + "-" + i, FAKE.subscribeLike(keys), "nl",
          Fixtures.at(lat, lon)));
    }
    return subscribers;
  }

  protected void publishSubscribers(List<SubscriberChanged> subscribers) {
    for (SubscriberChanged subscriber : subscribers) {
      kafka.send(topics.subscriptions(), subscriber.getSubscriberId(), subscriber);
    }
    kafka.flush();
  }

  /** Publishes subscribers and waits until the directory has them. */
  protected void addSubscribers(List<SubscriberChanged> subscribers) {
    int before = directory.size();
    publishSubscribers(subscribers);
    awaitDirectorySize(before + subscribers.size());
  }

  protected void awaitDirectorySize(int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (directory.size() != size || !sending.isSending()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The directory has " + directory.size() + " subscribers, not "
            + size);
      }
      pause(20);
    }
  }

  /** Statuses of the tasks of this alert, once every one of {@code tasks} has a final one. */
  /** The final statuses of an alert's tasks, once {@code done} holds for them. */
  protected Map<String, DeliveryStatus> finalStatusesWhen(
      String alertId, Predicate<Map<String, DeliveryStatus>> done, Duration timeout) {
    List<ConsumerRecord<String, DeliveryStatus>> records = kafka.readUntil(
        topics.deliveryStatus(), all -> done.test(finalOnly(all, alertId)), timeout);
    return finalOnly(records, alertId);
  }

  protected Map<String, DeliveryStatus> finalStatuses(String alertId, int tasks,
                                                      Duration timeout) {
    List<ConsumerRecord<String, DeliveryStatus>> records = kafka.readUntil(
        topics.deliveryStatus(), all -> finalOnly(all, alertId).size() >= tasks, timeout);
    return finalOnly(records, alertId);
  }

  private static Map<String, DeliveryStatus> finalOnly(
      List<ConsumerRecord<String, DeliveryStatus>> records, String alertId) {
    return records.stream().map(ConsumerRecord::value)
        .filter(status -> alertId.equals(status.getAlertId()))
        .filter(status -> switch (status.getOutcome()) {
          case SENT, FAILED, EXPIRED, CANCELLED, SKIPPED -> true;
          default -> false;
        })
        .collect(Collectors.toMap(DeliveryStatus::getTaskId, Function.identity(),
            (first, second) -> first.getOutcome() == DeliveryOutcome.SENT ? first : second));
  }

  protected static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
