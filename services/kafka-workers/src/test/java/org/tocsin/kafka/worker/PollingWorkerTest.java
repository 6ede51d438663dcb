package org.tocsin.kafka.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class PollingWorkerTest {

  private static final RestartBackOff FAST = new RestartBackOff(Duration.ofMillis(20),
      Duration.ofMillis(80));

  @Test
  void aFailedSessionIsStartedAgainWithGrowingPausesUntilItWorks() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Long> startedAt = new CopyOnWriteArrayList<>();
    List<WorkerState> seen = new CopyOnWriteArrayList<>();
    CountDownLatch working = new CountDownLatch(1);
    PollingWorker[] worker = new PollingWorker[1];
    worker[0] = new PollingWorker("flaky", FAST, control -> {
      startedAt.add(System.nanoTime());
      seen.add(worker[0].state());
      if (runs.incrementAndGet() <= 3) {
        throw new IllegalStateException("broker said no");
      }
      control.working();
      working.countDown();
      while (control.running()) {
        Thread.sleep(5);
      }
    });

    worker[0].start();
    assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(worker[0].state()).isInstanceOf(WorkerState.Running.class);
    assertThat(seen.get(1)).isInstanceOfSatisfying(WorkerState.Restarting.class, restarting -> {
      assertThat(restarting.failuresInARow()).isEqualTo(1);
      assertThat(restarting.lastError()).contains("broker said no");
    });
    assertThat(seen.get(3)).isInstanceOfSatisfying(WorkerState.Restarting.class,
        restarting -> assertThat(restarting.failuresInARow()).isEqualTo(3));
    long firstPause = startedAt.get(1) - startedAt.get(0);
    long thirdPause = startedAt.get(3) - startedAt.get(2);
    assertThat(TimeUnit.NANOSECONDS.toMillis(firstPause)).isGreaterThanOrEqualTo(16);
    assertThat(thirdPause).isGreaterThan(firstPause);
    worker[0].stop(Duration.ofSeconds(5));
    assertThat(worker[0].state()).isInstanceOf(WorkerState.Stopped.class);
  }

  @Test
  void aFencedSessionIsNotStartedAgain() throws Exception {
    for (RuntimeException fence : List.of(new FencedInstanceIdException("someone took it"),
        new RuntimeException("send failed", new ProducerFencedException("newer epoch")))) {
      AtomicInteger runs = new AtomicInteger();
      PollingWorker worker = new PollingWorker("fenced", FAST, control -> {
        runs.incrementAndGet();
        throw fence;
      });
      worker.start();
      await(() -> worker.state() instanceof WorkerState.Fenced);
      Thread.sleep(200);

      assertThat(runs).hasValue(1);
      assertThat(((WorkerState.Fenced) worker.state()).reason()).contains("Fenced");
      worker.stop(Duration.ofSeconds(1));
      assertThat(worker.state()).as("a fence stays visible after stop")
          .isInstanceOf(WorkerState.Fenced.class);
    }
  }

  @Test
  void stoppingWakesASessionBlockedInKafkaWithTheActionItGave() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch woken = new CountDownLatch(1);
    PollingWorker worker = new PollingWorker("blocked", FAST, control -> {
      control.onStop(woken::countDown);
      control.working();
      blocked.countDown();
      woken.await();
      throw new WakeupException();
    });
    worker.start();
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

    long started = System.nanoTime();
    worker.stop(Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(worker.state()).isInstanceOf(WorkerState.Stopped.class);
  }

  @Test
  void stoppingInterruptsASessionThatGaveNoWakeUpAndOneThatWaitsToRestart() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    PollingWorker sleeper = new PollingWorker("sleeper", FAST, control -> {
      sleeping.countDown();
      Thread.sleep(60_000);
    });
    PollingWorker failing = new PollingWorker("failing", new RestartBackOff(
        Duration.ofMinutes(1), Duration.ofMinutes(1)), control -> {
      throw new IllegalStateException("no");
    });
    sleeper.start();
    failing.start();
    assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
    await(() -> failing.state() instanceof WorkerState.Restarting);

    long started = System.nanoTime();
    sleeper.stop(Duration.ofSeconds(5));
    failing.stop(Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(sleeper.state()).isInstanceOf(WorkerState.Stopped.class);
    assertThat(failing.state()).isInstanceOf(WorkerState.Stopped.class);
  }

  @Test
  void aSessionThatWorkedForAWhileStartsAgainAfterTheShortestPause() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<WorkerState> seen = new CopyOnWriteArrayList<>();
    CountDownLatch fourth = new CountDownLatch(1);
    PollingWorker[] worker = new PollingWorker[1];
    worker[0] = new PollingWorker("recovering", FAST, control -> {
      int run = runs.incrementAndGet();
      seen.add(worker[0].state());
      if (run == 4) {
        fourth.countDown();
        while (control.running()) {
          Thread.sleep(5);
        }
        return;
      }
      if (run == 3) {
        control.working();
      }
      throw new IllegalStateException("failure " + run);
    });
    worker[0].start();
    assertThat(fourth.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(seen.get(3)).isInstanceOfSatisfying(WorkerState.Restarting.class,
        restarting -> assertThat(restarting.failuresInARow()).isEqualTo(1));
    worker[0].stop(Duration.ofSeconds(5));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
