package org.tocsin.kafka.worker;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A thread that runs a polling session (typically: create a Kafka client, then poll it until
 * told to stop) and starts it again with a back-off whenever it fails, keeping what it does in
 * a {@link WorkerState} for health checks. A session that is fenced by Kafka (another process
 * took its transactional id or static group member id) is not started again: that would fence
 * the other process in turn.
 *
 * <p>A session must return or throw soon after {@link Control#running()} turns false; the
 * worker wakes it from blocking calls with the action given to {@link Control#onStop}, or by
 * interrupting its thread.
 */
public final class PollingWorker implements WorkerStatus {

  /** One run of the worker's loop; it ends by returning (asked to stop) or by throwing. */
  @FunctionalInterface
  public interface Session {
    void run(Control control) throws Exception;
  }

  /** What a session sees of its worker. */
  public interface Control {

    /** False once the worker is stopping. */
    boolean running();

    /**
     * How to break this session out of a blocking call when the worker stops, e.g. {@code
     * consumer::wakeup}. Without one, the worker interrupts the thread.
     */
    void onStop(Runnable wakeUp);

    /** The session is doing its work: the next failure restarts it after the shortest pause. */
    void working();

    /** The session is waiting for something outside it, for the reason given. */
    void waiting(String reason);
  }

  private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

  private final String name;
  private final RestartBackOff backOff;
  private final Session session;
  private volatile WorkerState state = new WorkerState.NotStarted();
  private volatile boolean running;
  private volatile Runnable wakeUp;
  private Thread thread;

  public PollingWorker(String name, RestartBackOff backOff, Session session) {
    this.name = name;
    this.backOff = backOff;
    this.session = session;
  }

  @Override
  public String workerName() {
    return name;
  }

  @Override
  public WorkerState state() {
    return state;
  }

  public boolean isRunning() {
    return running;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    state = new WorkerState.Starting(Instant.now());
    thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  /** Stops the session and waits up to {@code timeout} for its thread to end. */
  public void stop(Duration timeout) {
    Thread current;
    synchronized (this) {
      current = thread;
      thread = null;
      running = false;
    }
    if (current == null) {
      return;
    }
    Runnable action = wakeUp;
    if (action != null) {
      action.run();
    } else {
      current.interrupt();
    }
    try {
      current.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (current.isAlive()) {
      log.warn("{} did not stop within {}", name, timeout);
    }
    if (!(state instanceof WorkerState.Fenced)) {
      state = new WorkerState.Stopped(Instant.now());
    }
  }

  private void loop() {
    BackOffExecution pauses = backOff.start();
    int failures = 0;
    while (running) {
      SessionControl control = new SessionControl();
      try {
        session.run(control);
        if (running) {
          throw new IllegalStateException(name + "'s session ended while it should run");
        }
      } catch (Exception e) {
        if (!running && stopping(e)) {
          break;
        }
        String fence = fence(e);
        if (fence != null) {
          state = new WorkerState.Fenced(fence, Instant.now());
          log.error("{} was fenced and stops for good: {}", name, fence);
          return;
        }
        if (!running) {
          log.warn("{} failed while stopping", name, e);
          break;
        }
        if (control.worked) {
          pauses = backOff.start();
          failures = 0;
        }
        failures++;
        long pause = pauses.nextBackOff();
        state = new WorkerState.Restarting(failures, describe(e), Instant.now());
        log.error("{} failed ({} in a row); starting again in {} ms", name, failures, pause, e);
        if (!sleep(pause)) {
          break;
        }
      } finally {
        wakeUp = null;
      }
    }
  }

  private static boolean stopping(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof WakeupException || cause instanceof InterruptException
          || cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** Why Kafka fenced this worker, or null if it was not fenced. */
  static String fence(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FencedInstanceIdException
          || cause instanceof ProducerFencedException) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return null;
  }

  /** The failure's kind and message, for health details: never a record's content. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String own = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e ? own : own + " (caused by " + root.getClass().getSimpleName() + ": "
        + root.getMessage() + ")";
  }

  private boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return running;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private final class SessionControl implements Control {

    private volatile boolean worked;

    @Override
    public boolean running() {
      return running;
    }

    @Override
    public void onStop(Runnable action) {
      wakeUp = action;
      if (!running) {
        action.run();
      }
    }

    @Override
    public void working() {
      worked = true;
      if (!(state instanceof WorkerState.Running)) {
        state = new WorkerState.Running(Instant.now());
      }
    }

    @Override
    public void waiting(String reason) {
      WorkerState current = state;
      if (!(current instanceof WorkerState.Waiting waiting) || !waiting.reason().equals(reason)) {
        state = new WorkerState.Waiting(reason, Instant.now());
      }
    }
  }
}
