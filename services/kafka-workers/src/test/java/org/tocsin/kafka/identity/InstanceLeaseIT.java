package org.tocsin.kafka.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.events.topics.TopicNames;
import org.tocsin.events.topics.Topics;
import org.tocsin.kafka.KafkaTestSupport;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.worker.RestartBackOff;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * Two holders of one instance id on a real broker. Waits derive from the session timeout, the
 * lease's timeout: the broker's minimum, 6 s.
 */
@ExtendWith(RealInfrastructure.class)
class InstanceLeaseIT {

  private static final Duration SESSION = Duration.ofSeconds(6);
  /** A lease passes within the session timeout, a heartbeat and a rebalance of the group. */
  private static final Duration TAKE_OVER = SESSION.multipliedBy(3);

  private final String prefix = "lease-it-" + Long.toHexString(System.nanoTime());
  private final Topics topics = new Topics(new TopicNames(null, null, null, null, null, null,
      null, null, prefix + ".instance-leases"));
  private final List<InstanceLease> leases = new ArrayList<>();
  private Process other;

  @AfterEach
  void stop() {
    leases.forEach(InstanceLease::stop);
    if (other != null) {
      other.destroyForcibly();
    }
  }

  @Test
  void aSecondProcessWithTheIdWaitsNamingTheHolderAndTakesOverWhenTheHolderStops(
      KafkaBroker broker) throws Exception {
    broker.createTopics(List.of(topics.instanceLeases().newTopic(1, (short) 1)));
    InstanceLease first = lease(broker, "first");
    first.start();
    first.acquired().get(TAKE_OVER.toMillis(), TimeUnit.MILLISECONDS);

    InstanceLease second = lease(broker, "second");
    second.start();
    await(() -> second.state() instanceof WorkerState.Waiting waiting
        && waiting.reason().contains("first"), TAKE_OVER);

    assertThat(second.held()).isFalse();
    assertThat(first.held()).isTrue();
    assertThat(((WorkerState.Waiting) second.state()).reason())
        .contains("instance id sms-1 is held by a live process (first");

    long stopped = System.nanoTime();
    first.stop();
    second.acquired().get(TAKE_OVER.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - stopped))
        .as("a holder that stops hands over without waiting for its session to expire")
        .isLessThan(SESSION);
    assertThat(second.state()).isInstanceOf(WorkerState.Running.class);
  }

  @Test
  void ofTwoProcessesStartingAtTheSameMomentExactlyOneHoldsTheId(KafkaBroker broker)
      throws Exception {
    broker.createTopics(List.of(topics.instanceLeases().newTopic(1, (short) 1)));
    InstanceLease one = lease(broker, "one");
    InstanceLease two = lease(broker, "two");
    Thread.ofPlatform().start(one::start);
    two.start();

    await(() -> one.held() || two.held(), TAKE_OVER);
    InstanceLease holder = one.held() ? one : two;
    InstanceLease waiter = holder == one ? two : one;
    await(() -> waiter.state() instanceof WorkerState.Waiting waiting
        && waiting.reason().contains(holder == one ? "(one" : "(two"), TAKE_OVER);

    assertThat(List.of(one.held(), two.held())).containsExactlyInAnyOrder(true, false);
    assertThat(waiter.acquired()).isNotDone();
  }

  @Test
  void aHolderKilledWithSigkillLosesTheIdToTheWaitingProcessOnceItsSessionExpired(
      KafkaBroker broker) throws Exception {
    broker.createTopics(List.of(topics.instanceLeases().newTopic(1, (short) 1)));
    String java = ProcessHandle.current().info().command().orElse("java");
    other = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        LeaseHolder.class.getName(), broker.bootstrapServers(), topics.instanceLeases().name(),
        "sms-1", group(), Long.toString(SESSION.toMillis())))
        .redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(),
        StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.equals("held")) {
      // the other process's log
    }
    assertThat(line).as("the other process holds the id").isEqualTo("held");

    InstanceLease waiting = lease(broker, "survivor");
    waiting.start();
    await(() -> waiting.state() instanceof WorkerState.Waiting state
        && state.reason().contains("lease-holder-"), TAKE_OVER);

    long killed = System.nanoTime();
    other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    waiting.acquired().get(TAKE_OVER.toMillis(), TimeUnit.MILLISECONDS);
    Duration takeOver = Duration.ofNanos(System.nanoTime() - killed);

    // The coordinator expires a member a session timeout after its last heartbeat, which was at
    // most one heartbeat interval (a fifth of the session) before the kill.
    assertThat(takeOver).as("not before the dead holder's session expired")
        .isGreaterThanOrEqualTo(SESSION.minus(SESSION.dividedBy(5)));
    assertThat(waiting.held()).isTrue();
  }

  private InstanceLease lease(KafkaBroker broker, String name) {
    KafkaClientDefaults clients = KafkaTestSupport.clients(broker.bootstrapServers());
    InstanceLease lease = new InstanceLease("sms-1", topics.instanceLeases().name(), group(),
        name, clients.consumer(name), clients.admin(name), SESSION,
        new RestartBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)));
    leases.add(lease);
    return lease;
  }

  private String group() {
    return prefix + ".sms-1";
  }

  private static void await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
