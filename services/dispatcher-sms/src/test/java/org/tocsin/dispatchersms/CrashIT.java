package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.io.File;
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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.TopicClient;
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
import org.tocsin.testing.twilio.SentSms;
import org.tocsin.testing.twilio.TwilioFake;

/**
 * dispatcher-sms as its own process (the packaged executable jar), killed with SIGKILL in the
 * middle of the fan-out of an alert to 100,000 subscribers and again in the middle of sending
 * them, then started again: everyone is reached, the redone fan-out wrote no task twice, and
 * the messages sent twice are at most the in-flight window of each crash.
 */
@ExtendWith(RealInfrastructure.class)
class CrashIT {

  private static final Logger log = LoggerFactory.getLogger(CrashIT.class);
  private static final int SUBSCRIBERS = 100_000;
  private static final int IN_FLIGHT_WINDOW = 64;
  private static final String APPLICATION = "crash-dispatcher";

  private final TwilioFake fake = TwilioFake.start();
  private final String prefix = "crash-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(prefix + ".alerts",
      prefix + ".subscriptions", prefix + ".deliveries.{channel}.{lane}",
      prefix + ".deliveries.{channel}.dead", prefix + ".delivery-status", prefix + ".zones",
      prefix + ".contacts-gone",
      prefix + ".quarantine", prefix + ".instance-leases"));
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
  void afterKillsMidFanOutAndMidSendEveryoneIsReachedWithDuplicatesWithinTheInFlightWindow(
      KafkaBroker broker) throws Exception {
    List<NewTopic> definitions = new ArrayList<>();
    for (Topic<String, ?> topic : topics.forChannel(Channel.SMS)) {
      definitions.add(topic.newTopic(3, (short) 1));
    }
    broker.createTopics(definitions);
    Topic<String, DeliveryTask> tasks = topics.deliveries(Channel.SMS, Lane.HIGH);
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers());
         Admin admin = broker.admin()) {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        double lat = 50.5 + (i / 400) * 0.002;
        double lon = 4.0 + (i % 400) * 0.002;
        kafka.send(topics.subscriptions(), "s-" + i, subscriber("s-" + i, Channel.SMS,
            number(i), "nl", at(lat, lon)).build());
      }
      kafka.flush();

      // The fan-out producer is held to 400 kB/s, so that the fan-out takes long enough to be
      // killed in the middle.
      throttleFanOut(admin, 400_000.0);
      start(broker);
      String alertId = UUID.randomUUID().toString();
      kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL,
          Severity.EXTREME, area(List.of(rectangle(50.4, 3.9, 51.2, 4.9)), List.of(), List.of()),
          info("nl", "Kernongeval: blijf binnen, sluit ramen en deuren")).build());

      await("a third of the tasks committed", () -> kafka.committedCount(tasks) >= SUBSCRIBERS / 3);
      kill();
      long tasksAtFirstKill = distinctTasks(kafka, tasks);
      int messagesAtFirstKill = fake.messageCount();
      log.info("Killed mid fan-out: {} tasks committed, {} messages sent", tasksAtFirstKill,
          messagesAtFirstKill);
      assertThat(tasksAtFirstKill).as("killed before the fan-out ended").isLessThan(SUBSCRIBERS);

      throttleFanOut(admin, null);
      start(broker);
      await("half of the messages sent", () -> fake.messageCount() >= SUBSCRIBERS / 2);
      kill();
      log.info("Killed mid send: {} messages sent", fake.messageCount());
      assertThat(distinctRecipients()).as("killed before the send ended").isLessThan(SUBSCRIBERS);

      start(broker);
      await("every recipient reached", () -> fake.messageCount() >= SUBSCRIBERS
          && distinctRecipients() == SUBSCRIBERS);
      Thread.sleep(3000);

      List<ConsumerRecord<String, DeliveryTask>> written = kafka.readAll(tasks);
      Set<String> taskIds = new HashSet<>();
      written.forEach(record -> taskIds.add(record.value().getTaskId()));
      int duplicates = fake.messageCount() - SUBSCRIBERS;
      log.info("After two crashes: {} tasks written ({} distinct), {} messages for {} recipients:"
          + " {} sent twice (bound {})", written.size(), taskIds.size(), fake.messageCount(),
          distinctRecipients(), duplicates, 2 * IN_FLIGHT_WINDOW);

      assertThat(distinctRecipients()).isEqualTo(SUBSCRIBERS);
      assertThat(taskIds).hasSize(SUBSCRIBERS);
      assertThat(written).as("the resumed fan-out wrote no task twice").hasSize(SUBSCRIBERS);
      assertThat(duplicates).isBetween(0, 2 * IN_FLIGHT_WINDOW);
    }
  }

  private void start(KafkaBroker broker) throws Exception {
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = System.getProperty("tocsin.dispatcher-sms.jar");
    assertThat(jar).as("the packaged dispatcher-sms").isNotNull();
    Path output = Path.of("target", "crash-dispatcher-" + (++starts) + ".log");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseParallelGC",
        "-jar", jar,
        "--server.port=" + port,
        "--spring.application.name=" + APPLICATION,
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--tocsin.dispatcher.instance-id=" + prefix,
        "--tocsin.dispatcher.topic-partitions=3",
        "--tocsin.dispatcher.fan-out.chunk-size=2000",
        // Every subscriber registered just before the alert: with the default look-back each
        // restart would give them the alert again as late subscribers (the same task ids, which
        // the ledger skips). Here the redone fan-out alone must write each task once.
        "--tocsin.dispatcher.late-subscribers.look-back=0s",
        "--tocsin.dispatcher.sending.in-flight-window=" + IN_FLIGHT_WINDOW,
        "--tocsin.sms.primary.account-sid=" + fake.accountSid(),
        "--tocsin.sms.primary.auth-token=" + fake.authToken(),
        "--tocsin.sms.primary.from=Tocsin",
        "--tocsin.sms.primary.api-base-url=" + fake.baseUrl(),
        "--tocsin.sms.primary.messages-per-second=0",
        "--tocsin.sms.primary.max-concurrent-requests=32",
        "--logging.level.org.apache.kafka=WARN"));
    Map<String, String> topicNames = Map.of(
        "alerts", topics.alerts().name(),
        "subscriptions", topics.subscriptions().name(),
        "deliveries", topics.names().deliveries(),
        "dead-letters", topics.names().deadLetters(),
        "delivery-status", topics.deliveryStatus().name(),
        "quarantine", topics.quarantine().name(),
        "instance-leases", topics.instanceLeases().name());
    topicNames.forEach((name, value) -> command.add("--tocsin.topics." + name + "=" + value));
    dispatcher = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    await("dispatcher-sms ready (log in " + output + ")", () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200;
      } catch (IOException e) {
        if (!dispatcher.isAlive()) {
          throw new AssertionError("dispatcher-sms exited: " + Files.readString(output));
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

  private void throttleFanOut(Admin admin, Double bytesPerSecond)
      throws ExecutionException, InterruptedException {
    List<ClientQuotaAlteration> alterations = new ArrayList<>();
    for (int producer = 1; producer <= 4; producer++) {
      alterations.add(new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(
          ClientQuotaEntity.CLIENT_ID, APPLICATION + "-fan-out-" + producer)),
          List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))));
    }
    admin.alterClientQuotas(alterations).all().get();
  }

  private long distinctTasks(TopicClient kafka, Topic<String, DeliveryTask> tasks) {
    Set<String> ids = new HashSet<>();
    kafka.readAll(tasks).forEach(record -> ids.add(record.value().getTaskId()));
    return ids.size();
  }

  private long distinctRecipients() {
    return fake.messages().stream().map(SentSms::to).distinct().count();
  }

  private static String number(int i) {
    return String.format("+32480%06d", i);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }
}
