package org.tocsin.kafka.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.kafka.worker.WorkerStatus;

/**
 * The state of every Kafka worker of a service, each in the details. DOWN if one is fenced,
 * failed or restarting after a failure; OUT_OF_SERVICE if one waits for something it needs
 * (the lease of its instance id); UP otherwise. Part of the readiness group: a service whose
 * consumer stopped must not look ready.
 */
public final class KafkaWorkersHealthIndicator extends AbstractHealthIndicator {

  private final Supplier<? extends Collection<? extends WorkerStatus>> workers;

  public KafkaWorkersHealthIndicator(
      Supplier<? extends Collection<? extends WorkerStatus>> workers) {
    this.workers = workers;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Status status = Status.UP;
    Map<String, Object> details = new LinkedHashMap<>();
    for (WorkerStatus worker : workers.get()) {
      WorkerState state = worker.state();
      Status own = statusOf(state);
      if (own == Status.DOWN || (own == Status.OUT_OF_SERVICE && status == Status.UP)) {
        status = own;
      }
      details.put(worker.workerName(), describe(state));
    }
    builder.status(status).withDetails(details);
  }

  static Status statusOf(WorkerState state) {
    return switch (state) {
      case WorkerState.NotStarted notStarted -> Status.UP;
      case WorkerState.Starting starting -> Status.UP;
      case WorkerState.Running running -> Status.UP;
      case WorkerState.Stopped stopped -> Status.UP;
      case WorkerState.Waiting waiting -> Status.OUT_OF_SERVICE;
      case WorkerState.Restarting restarting -> Status.DOWN;
      case WorkerState.Fenced fenced -> Status.DOWN;
      case WorkerState.Failed failed -> Status.DOWN;
    };
  }

  private static Map<String, Object> describe(WorkerState state) {
    Map<String, Object> detail = new LinkedHashMap<>();
    switch (state) {
      case WorkerState.NotStarted notStarted -> detail.put("state", "not started");
      case WorkerState.Starting starting -> {
        detail.put("state", "starting");
        detail.put("since", starting.since().toString());
      }
      case WorkerState.Running running -> {
        detail.put("state", "running");
        detail.put("since", running.since().toString());
      }
      case WorkerState.Stopped stopped -> {
        detail.put("state", "stopped");
        detail.put("at", stopped.at().toString());
      }
      case WorkerState.Waiting waiting -> {
        detail.put("state", "waiting");
        detail.put("reason", waiting.reason());
        detail.put("since", waiting.since().toString());
      }
      case WorkerState.Restarting restarting -> {
        detail.put("state", "restarting");
        detail.put("failuresInARow", restarting.failuresInARow());
        detail.put("lastError", restarting.lastError());
        detail.put("since", restarting.since().toString());
      }
      case WorkerState.Fenced fenced -> {
        detail.put("state", "fenced");
        detail.put("reason", fenced.reason());
        detail.put("at", fenced.at().toString());
      }
      case WorkerState.Failed failed -> {
        detail.put("state", "failed");
        detail.put("reason", failed.reason());
        detail.put("at", failed.at().toString());
      }
    }
    return detail;
  }
}
