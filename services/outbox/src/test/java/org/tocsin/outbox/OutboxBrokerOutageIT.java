package org.tocsin.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.outbox.OutboxFixtures.readCommitted;
import static org.tocsin.outbox.OutboxFixtures.subscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.spring.RealPostgres;

/**
 * The broker goes away while changes are committed; every event arrives once, in order. Every
 * wait derives from the relay's settings: short client timeouts here, so that the test is quick.
 */
@SpringBootTest(classes = OutboxTestApplication.class, properties = {
    "tocsin.outbox.min-backoff=100ms", "tocsin.outbox.max-backoff=1s",
    "tocsin.kafka.timeouts.request=2s", "tocsin.kafka.timeouts.max-block=2s",
    "tocsin.kafka.timeouts.delivery=5s", "tocsin.kafka.timeouts.default-api=5s",
    "tocsin.kafka.timeouts.transaction=10s"})
@RealPostgres
class OutboxBrokerOutageIT {

  private static final InProcessKafkaBroker broker = InProcessKafkaBroker.start();

  private final Topic<String, SubscriberChanged> topic =
      OutboxTestApplication.TOPICS.subscriptions();

  @Autowired
  Outbox outbox;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  OutboxRelay relay;
  @Autowired
  OutboxProperties properties;
  @Autowired
  KafkaClientDefaults clients;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** Where the relay's thread is, for a failure message. */
  private static String relayThread() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(entry -> entry.getKey().getName().equals("outbox-relay"))
        .map(entry -> java.util.Arrays.toString(entry.getValue()))
        .findFirst().orElse("not running");
  }

  @Test
  void keepsEventsWhileTheBrokerIsDownAndPublishesEachOnceInOrderWhenItReturns()
      throws Exception {
    // A relay that can reach the broker publishes within one attempt after the transaction
    // coordinator is ready (at most a transaction timeout on a broker that just started).
    Duration publishing = clients.timeouts().transaction().plus(relay.failureReportBound())
        .plus(properties.maxBackoff());
    transactions.executeWithoutResult(tx -> outbox.add(topic, "warm-up", subscriber("warm-up", 1)));
    assertThat(readCommitted(broker.bootstrapServers(), topic, 1, publishing)).hasSize(1);

    broker.stop();
    List<String> keys = List.of("s-a", "s-b", "s-c");
    for (int revision = 1; revision <= 20; revision++) {
      for (String key : keys) {
        long r = revision;
        transactions.executeWithoutResult(tx -> outbox.add(topic, key, subscriber(key, r)));
      }
    }
    // The relay's promise: an attempt on a lost broker fails within the failure bound. The
    // test gives it twice that and a poll interval to start one, for a loaded machine, and
    // checks the promise on the attempt itself.
    Duration patience = relay.failureReportBound().plus(properties.pollInterval())
        .multipliedBy(2);
    long deadline = System.nanoTime() + patience.toNanos();
    while (relay.lastError() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(relay.lastError()).as("the relay saw the broker go within " + patience
        + "; the relay's thread: " + relayThread()).startsWith("kafka:");
    assertThat(relay.lastFailedAttempt()).as("the attempt failed within its bound")
        .isLessThanOrEqualTo(relay.failureReportBound());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class))
        .as("nothing leaves the outbox while the broker is down").isEqualTo(60);

    broker.restart();
    // Back: within the longest pause between attempts (or a hand-over's two poll intervals),
    // then one attempt once the coordinator has the transaction state again.
    Duration back = publishing.plus(properties.pollInterval().multipliedBy(2));
    List<SubscriberChanged> read = readCommitted(broker.bootstrapServers(), topic, 61, back);

    Map<String, List<Long>> revisionsByKey = read.stream()
        .filter(event -> keys.contains(event.getSubscriberId()))
        .collect(Collectors.groupingBy(SubscriberChanged::getSubscriberId,
            Collectors.mapping(SubscriberChanged::getRevision, Collectors.toList())));
    List<Long> oneToTwenty = new ArrayList<>();
    for (long revision = 1; revision <= 20; revision++) {
      oneToTwenty.add(revision);
    }
    assertThat(revisionsByKey).containsOnlyKeys(keys);
    revisionsByKey.values().forEach(revisions ->
        assertThat(revisions).containsExactlyElementsOf(oneToTwenty));
    assertThat(read).hasSize(61);
  }
}
