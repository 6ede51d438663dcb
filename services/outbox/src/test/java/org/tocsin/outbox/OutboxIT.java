package org.tocsin.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tocsin.outbox.OutboxFixtures.readCommitted;
import static org.tocsin.outbox.OutboxFixtures.subscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.spring.RealKafka;
import org.tocsin.testing.spring.RealPostgres;

@SpringBootTest(classes = OutboxTestApplication.class)
@RealKafka
@RealPostgres
class OutboxIT {

  private final Topic<String, SubscriberChanged> topic = OutboxTestApplication.TOPICS.subscriptions();

  @Autowired
  Outbox outbox;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  OutboxRelay relay;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Test
  void publishesCommittedEventsInOrderAndNeverRolledBackOnes() {
    String kept = UUID.randomUUID().toString();
    String rolledBack = UUID.randomUUID().toString();
    for (int revision = 1; revision <= 30; revision++) {
      long r = revision;
      transactions.executeWithoutResult(tx -> outbox.add(topic, kept, subscriber(kept, r)));
    }
    transactions.executeWithoutResult(tx -> {
      outbox.add(topic, rolledBack, subscriber(rolledBack, 1));
      tx.setRollbackOnly();
    });

    List<SubscriberChanged> read = readCommitted(bootstrapServers, topic, 30, Duration.ofSeconds(30))
        .stream().filter(e -> e.getSubscriberId().equals(kept)
            || e.getSubscriberId().equals(rolledBack)).toList();

    List<String> expected = new ArrayList<>();
    for (int revision = 1; revision <= 30; revision++) {
      expected.add(kept + "#" + revision);
    }
    assertThat(OutboxTestApplication.revisions(read)).containsExactlyElementsOf(expected);
    awaitEmptyOutbox();
  }

  @Test
  void publishesATombstoneAsANullValue() {
    String erased = UUID.randomUUID().toString();
    transactions.executeWithoutResult(tx -> {
      outbox.add(topic, erased, subscriber(erased, 1));
      outbox.add(topic, erased, null);
    });
    List<SubscriberChanged> read = readCommitted(bootstrapServers, topic, Integer.MAX_VALUE,
        Duration.ofSeconds(5));
    int index = -1;
    for (int i = 0; i < read.size(); i++) {
      if (read.get(i) != null && read.get(i).getSubscriberId().equals(erased)) {
        index = i;
      }
    }
    assertThat(index).isNotNegative();
    assertThat(read.subList(index + 1, read.size())).containsNull();
  }

  @Test
  void refusesAnEventOutsideATransaction() {
    assertThatThrownBy(() -> outbox.add(topic, "k", subscriber("k", 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox WHERE record_key = 'k'",
        Long.class)).isZero();
  }

  @Test
  void refusesAnEventTooLargeForKafkaAndRollsTheChangeBack() {
    String huge = UUID.randomUUID().toString();
    SubscriberChanged event = SubscriberChanged.newBuilder(subscriber(huge, 1))
        .setLanguage("x".repeat(1_100_000)).build();
    jdbc.update("CREATE TABLE IF NOT EXISTS change_log (id text)");
    assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
      jdbc.update("INSERT INTO change_log VALUES (?)", huge);
      outbox.add(topic, huge, event);
    })).isInstanceOf(OversizedEventException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log WHERE id = ?", Long.class,
        huge)).isZero();
  }

  private void awaitEmptyOutbox() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class) > 0
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class)).isZero();
    assertThat(relay.isLeader()).isTrue();
  }
}
