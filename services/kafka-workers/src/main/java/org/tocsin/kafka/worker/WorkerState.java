package org.tocsin.kafka.worker;

import java.time.Instant;

/** What a worker is doing; health and readiness are read from it. */
public sealed interface WorkerState {

  /** Created, not started yet. */
  record NotStarted() implements WorkerState {
  }

  /** Started; its session has not said it is working yet (connecting, waiting for a topic). */
  record Starting(Instant since) implements WorkerState {
  }

  /** Waiting for something outside it before it may work, for the reason given. */
  record Waiting(String reason, Instant since) implements WorkerState {
  }

  /** Doing its work. */
  record Running(Instant since) implements WorkerState {
  }

  /** Its session failed; it starts again after a back-off. */
  record Restarting(int failuresInARow, String lastError, Instant since) implements WorkerState {
  }

  /**
   * Kafka gave its place to another process with the same identity (a transactional id or a
   * static group member id): it stopped for good, because starting again would fence that one.
   */
  record Fenced(String reason, Instant at) implements WorkerState {
  }

  /** Stopped, as it was asked to. */
  record Stopped(Instant at) implements WorkerState {
  }

  /** Stopped without being asked to, for the reason given. */
  record Failed(String reason, Instant at) implements WorkerState {
  }
}
