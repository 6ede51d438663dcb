package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
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
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.spring.RealKafka;
import org.tocsin.testing.twilio.SentSms;
import org.tocsin.testing.twilio.TwilioFake;

/**
 * dispatcher-sms in this JVM against the real Kafka broker of the tests and the Twilio fake,
 * on topics, consumer groups and a port of its own for each test class.
 */
@SpringBootTest(classes = DispatcherSmsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@RealKafka
@DirtiesContext
public abstract class SmsDispatcherHarness {

  protected static final TwilioFake FAKE = TwilioFake.start();
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
    String prefix = "it" + CONTEXTS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    int port = freePort();
    registry.add("server.port", () -> port);
    registry.add("spring.application.name", () -> "dispatcher-sms-" + prefix);
    registry.add("tocsin.topics.alerts", () -> prefix + ".alerts");
    registry.add("tocsin.topics.subscriptions", () -> prefix + ".subscriptions");
    registry.add("tocsin.topics.deliveries", () -> prefix + ".deliveries.{channel}.{lane}");
    registry.add("tocsin.topics.dead-letters", () -> prefix + ".deliveries.{channel}.dead");
    registry.add("tocsin.topics.delivery-status", () -> prefix + ".delivery-status");
    registry.add("tocsin.topics.zones", () -> prefix + ".zones");
    registry.add("tocsin.topics.quarantine", () -> prefix + ".quarantine");
    registry.add("tocsin.topics.instance-leases", () -> prefix + ".instance-leases");
    registry.add("tocsin.dispatcher.instance-id", () -> prefix);
    registry.add("tocsin.dispatcher.topic-partitions", () -> 3);
    registry.add("tocsin.dispatcher.sending.first-retry-delay", () -> "100ms");
    registry.add("tocsin.dispatcher.sending.max-retry-delay", () -> "500ms");
    registry.add("tocsin.sms.primary.account-sid", FAKE::accountSid);
    registry.add("tocsin.sms.primary.auth-token", FAKE::authToken);
    registry.add("tocsin.sms.primary.from", () -> "Tocsin");
    registry.add("tocsin.sms.primary.api-base-url", FAKE::baseUrl);
    registry.add("tocsin.sms.status-callback-url",
        () -> "http://127.0.0.1:" + port + "/sms/status");
    registry.add("tocsin.sms.full-text-url", () -> "https://alert.example.be/{alertId}");
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
        topics.deliveryStatus(),
        all -> finalOnly(all, alertId).size() >= tasks, timeout);
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

  protected static Map<String, List<SentSms>> byRecipient(List<SentSms> messages) {
    return messages.stream().collect(Collectors.groupingBy(SentSms::to));
  }

  protected static void assertOnePerRecipient(List<SentSms> messages) {
    assertThat(byRecipient(messages).values()).allSatisfy(each -> assertThat(each).hasSize(1));
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
