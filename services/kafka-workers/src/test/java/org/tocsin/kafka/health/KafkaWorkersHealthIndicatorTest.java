package org.tocsin.kafka.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

class KafkaWorkersHealthIndicatorTest {

  @Test
  void upWhileEveryWorkerRunsOrIsNotStartedOrWasStoppedOnPurpose() {
    assertThat(health(new WorkerState.Running(Instant.now()), new WorkerState.NotStarted(),
        new WorkerState.Starting(Instant.now()), new WorkerState.Stopped(Instant.now()))
        .getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void outOfServiceWhileOneWaitsAndDownAsSoonAsOneIsFencedFailedOrRestarting() {
    assertThat(health(new WorkerState.Running(Instant.now()),
        new WorkerState.Waiting("instance id held by another process", Instant.now()))
        .getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    for (WorkerState broken : List.of(new WorkerState.Fenced("newer epoch", Instant.now()),
        new WorkerState.Failed("consumer stopped", Instant.now()),
        new WorkerState.Restarting(2, "timeout", Instant.now()))) {
      assertThat(health(new WorkerState.Waiting("lease", Instant.now()), broken).getStatus())
          .isEqualTo(Status.DOWN);
    }
  }

  @Test
  void theDetailsNameEachWorkerWithItsStateAndReason() {
    Health health = health(new WorkerState.Fenced("FencedInstanceIdException: taken",
        Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(health.getDetails()).containsKey("worker-0");
    @SuppressWarnings("unchecked")
    Map<String, Object> detail = (Map<String, Object>) health.getDetails().get("worker-0");
    assertThat(detail).containsEntry("state", "fenced")
        .containsEntry("reason", "FencedInstanceIdException: taken");
  }

  private static Health health(WorkerState... states) {
    List<WorkerStatus> workers = new java.util.ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      String name = "worker-" + i;
      WorkerState state = states[i];
      workers.add(new WorkerStatus() {
        @Override
        public String workerName() {
          return name;
        }

        @Override
        public WorkerState state() {
          return state;
        }
      });
    }
    return new KafkaWorkersHealthIndicator(() -> workers).health(true);
  }
}
