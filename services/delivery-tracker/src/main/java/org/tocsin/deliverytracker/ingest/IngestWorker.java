package org.tocsin.deliverytracker.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Ingest} on a thread of its own, starting it again with a growing pause
 * (0.5 s doubling to 30 s) whenever it fails, and says whether it runs.
 */
public final class IngestWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
  private static final Duration MIN_PAUSE = Duration.ofMillis(500);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final Ingest ingest;
  private final AtomicReference<Consumer<byte[], byte[]>> consumer = new AtomicReference<>();
  private volatile boolean running;
  private volatile String lastError;
  private Thread thread;

  public IngestWorker(Ingest ingest) {
    this.ingest = ingest;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    ingest.progress().restarting();
    thread = Thread.ofPlatform().name("tracker-ingest").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      running = false;
      current = thread;
      thread = null;
    }
    Consumer<byte[], byte[]> active = consumer.get();
    if (active != null) {
      active.wakeup();
    }
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The last failure of the ingest, or null if it has not failed since it last ran well. */
  public String lastError() {
    return lastError;
  }

  private void loop() {
    Duration pause = MIN_PAUSE;
    while (running) {
      try {
        ingest.run(() -> running, consumer::set);
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.error("The ingest failed; starting again in {} ms", pause.toMillis(), e);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          break;
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        continue;
      } finally {
        consumer.set(null);
      }
      lastError = null;
      pause = MIN_PAUSE;
    }
  }
}
