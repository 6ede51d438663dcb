package org.tocsin.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.outbox.OutboxFixtures.readCommitted;
import static org.tocsin.outbox.OutboxFixtures.subscriber;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.network.TcpProxy;
import org.tocsin.testing.spring.RealPostgres;

/**
 * Two instances of a service share its database. The relaying one loses its own link to the
 * broker (a proxy carries all of its Kafka traffic, and is cut) while the other's still works:
 * the first releases the lock after the configured time, the second takes over, and every event
 * arrives once, in order.
 */
@SpringBootTest(classes = OutboxTestApplication.class, properties = {
    "tocsin.outbox.min-backoff=100ms", "tocsin.outbox.max-backoff=1s",
    "tocsin.outbox.leader-handover-after=3s",
    "tocsin.kafka.timeouts.request=2s", "tocsin.kafka.timeouts.max-block=2s",
    "tocsin.kafka.timeouts.delivery=5s", "tocsin.kafka.timeouts.default-api=5s",
    "tocsin.kafka.timeouts.transaction=10s"})
@RealPostgres
class OutboxHandoverIT {

  private static final int BROKER_SECOND_PORT = InProcessKafkaBroker.freePort();
  private static final TcpProxy proxy = TcpProxy.to(BROKER_SECOND_PORT);
  private static final InProcessKafkaBroker broker =
      InProcessKafkaBroker.startWithSecondListener(BROKER_SECOND_PORT, proxy.port());

  private final Topic<String, SubscriberChanged> topic =
      OutboxTestApplication.TOPICS.subscriptions();

  @Autowired
  Outbox outbox;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  OutboxRelay relay;
  @Autowired
  OutboxProperties properties;
  @Autowired
  KafkaClientDefaults clients;
  @Autowired
  DataSource dataSource;
  private OutboxRelay other;

  /** The service's own relay reaches the broker only through the proxy. */
  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + proxy.port());
  }

  @AfterEach
  void stopOther() {
    if (other != null) {
      other.stop();
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
    proxy.close();
  }

  @Test
  void aLeaderThatCannotReachTheBrokerHandsOverToAnInstanceThatCan() throws Exception {
    Duration publishing = clients.timeouts().transaction().plus(relay.failureReportBound())
        .plus(properties.maxBackoff());
    transactions.executeWithoutResult(tx -> outbox.add(topic, "warm-up", subscriber("warm-up", 1)));
    assertThat(readCommitted(broker.bootstrapServers(), topic, 1, publishing)).hasSize(1);
    assertThat(relay.isLeader()).isTrue();

    KafkaClientDefaults direct = new KafkaClientDefaults(
        Map.of("bootstrap.servers", broker.bootstrapServers()),
        Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of(), clients.timeouts());
    other = new OutboxRelay(dataSource, direct, "outbox-it-outbox", properties,
        new SimpleMeterRegistry());
    other.start();
    Thread.sleep(properties.pollInterval().multipliedBy(2));
    assertThat(other.isLeader()).as("one relay at a time").isFalse();

    proxy.cut();
    for (int revision = 1; revision <= 20; revision++) {
      long r = revision;
      transactions.executeWithoutResult(tx -> outbox.add(topic, "s-h", subscriber("s-h", r)));
    }

    // The leader fails for the hand-over time, finishing the attempt under way; the other
    // takes the lock at its next poll.
    Duration handOver = properties.leaderHandoverAfter().plus(relay.failureReportBound())
        .plus(properties.maxBackoff()).plus(properties.pollInterval().multipliedBy(2));
    long deadline = System.nanoTime() + handOver.toNanos();
    while (!other.isLeader() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(other.isLeader()).as("the instance with a working link relays within "
        + handOver).isTrue();
    assertThat(relay.isLeader()).isFalse();
    assertThat(relay.lastError()).startsWith("kafka:");

    List<SubscriberChanged> read = readCommitted(broker.bootstrapServers(), topic, 21,
        publishing);
    List<Long> revisions = new ArrayList<>();
    read.stream().filter(event -> event.getSubscriberId().equals("s-h"))
        .forEach(event -> revisions.add(event.getRevision()));
    List<Long> oneToTwenty = new ArrayList<>();
    for (long revision = 1; revision <= 20; revision++) {
      oneToTwenty.add(revision);
    }
    assertThat(revisions).containsExactlyElementsOf(oneToTwenty);
    assertThat(read).hasSize(21);

    proxy.restore();
    Thread.sleep(properties.pollInterval().multipliedBy(3));
    assertThat(other.isLeader()).as("the lock stays where it works").isTrue();
    assertThat(relay.isLeader()).isFalse();
  }
}
