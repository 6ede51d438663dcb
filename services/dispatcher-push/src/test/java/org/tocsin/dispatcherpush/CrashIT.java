package org.tocsin.dispatcherpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.push.ReceivedPush;

/**
 * dispatcher-push as its own process (the packaged executable jar), killed with SIGKILL in the
 * middle of sending an alert to 30,000 subscribers, then started again: everyone is reached,
 * and the pushes sent twice are at most the in-flight window.
 */
@ExtendWith(RealInfrastructure.class)
class CrashIT {

  private static final Logger log = LoggerFactory.getLogger(CrashIT.class);
  private static final int SUBSCRIBERS = 30_000;
  private static final int IN_FLIGHT_WINDOW = 64;

  private final PushServiceFake fake = PushServiceFake.start();
  private final VapidKeys vapid = VapidKeys.generate();
  private final String prefix = "push-crash-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(prefix + ".alerts",
      prefix + ".subscriptions", prefix + ".deliveries.{channel}.{lane}",
      prefix + ".deliveries.{channel}.dead", prefix + ".delivery-status", prefix + ".zones",
      prefix + ".contacts-gone", prefix + ".quarantine", prefix + ".instance-leases"));
  private Process dispatcher;
  private int starts;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.destroyForcibly();
    }
    fake.close();
  }

  @Test
  void afterAKillMidSendEveryoneIsReachedWithDuplicatesWithinTheInFlightWindow(
      KafkaBroker broker) throws Exception {
    List<NewTopic> definitions = new ArrayList<>();
    for (Topic<String, ?> topic : topics.forChannel(Channel.PUSH)) {
      definitions.add(topic.newTopic(3, (short) 1));
    }
    broker.createTopics(definitions);
    Topic<String, DeliveryTask> tasks = topics.deliveries(Channel.PUSH, Lane.HIGH);
    FakeSubscription keys = fake.subscribe(vapid.publicKey());
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers())) {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        FakeSubscription subscription = fake.subscribeLike(keys);
        kafka.send(topics.subscriptions(), "s-" + i, PushDispatcherHarness.pushSubscriber(
            "s-" + i, subscription, "nl", at(50.5 + (i / 200) * 0.004, 4.0 + (i % 200) * 0.004)));
      }
      kafka.flush();

      start(broker);
      String alertId = UUID.randomUUID().toString();
      kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL,
          Severity.EXTREME, area(List.of(rectangle(50.4, 3.9, 51.2, 4.9)), List.of(), List.of()),
          info("nl", "Kernongeval: blijf binnen, sluit ramen en deuren")).build());

      await("a third of the pushes sent", () -> fake.pushCount() >= SUBSCRIBERS / 3);
      kill();
      log.info("Killed mid send: {} pushes received", fake.pushCount());
      assertThat(distinctRecipients()).as("killed before the send ended").isLessThan(SUBSCRIBERS);

      start(broker);
      await("every recipient reached", () -> distinctRecipients() == SUBSCRIBERS);
      // Let anything the restarted process still had in flight arrive, then count.
      Thread.sleep(3000);

      List<ConsumerRecord<String, DeliveryTask>> written = kafka.readAll(tasks);
      Set<String> taskIds = new HashSet<>();
      written.forEach(record -> taskIds.add(record.value().getTaskId()));
      int duplicates = fake.pushCount() - SUBSCRIBERS;
      log.info("After the crash: {} tasks, {} pushes for {} recipients: {} sent twice (bound {})",
          taskIds.size(), fake.pushCount(), distinctRecipients(), duplicates, IN_FLIGHT_WINDOW);

      assertThat(taskIds).hasSize(SUBSCRIBERS);
      assertThat(duplicates).isBetween(0, IN_FLIGHT_WINDOW);
    }
  }

  private void start(KafkaBroker broker) throws Exception {
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = System.getProperty("tocsin.dispatcher-push.jar");
    assertThat(jar).as("the packaged dispatcher-push").isNotNull();
    Path output = Path.of("target", "crash-dispatcher-push-" + (++starts) + ".log");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseParallelGC",
        "-jar", jar,
        "--server.port=" + port,
        "--spring.application.name=push-crash-dispatcher",
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--tocsin.dispatcher.instance-id=" + prefix,
        "--tocsin.dispatcher.topic-partitions=3",
        "--tocsin.dispatcher.sending.in-flight-window=" + IN_FLIGHT_WINDOW,
        "--tocsin.push.vapid.public-key=" + vapid.publicKey(),
        "--tocsin.push.vapid.private-key=" + vapid.privateKey(),
        "--tocsin.push.allow-insecure-endpoints=true",
        "--logging.level.org.apache.kafka=WARN"));
    Map<String, String> topicNames = Map.of(
        "alerts", topics.alerts().name(),
        "subscriptions", topics.subscriptions().name(),
        "deliveries", topics.names().deliveries(),
        "dead-letters", topics.names().deadLetters(),
        "delivery-status", topics.deliveryStatus().name(),
        "contacts-gone", topics.contactsGone().name());
    topicNames.forEach((name, value) -> command.add("--tocsin.topics." + name + "=" + value));
    dispatcher = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    await("dispatcher-push ready (log in " + output + ")", () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200;
      } catch (IOException e) {
        if (!dispatcher.isAlive()) {
          throw new AssertionError("dispatcher-push exited: " + Files.readString(output));
        }
        return false;
      }
    });
  }

  /** SIGKILL: no shutdown hook, nothing flushed. */
  private void kill() throws InterruptedException {
    dispatcher.destroyForcibly();
    dispatcher.waitFor();
    dispatcher = null;
  }

  private long distinctRecipients() {
    return fake.pushes().stream().map(ReceivedPush::subscriptionId).distinct().count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }
}
