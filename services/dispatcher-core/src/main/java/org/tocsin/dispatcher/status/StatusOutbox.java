package org.tocsin.dispatcher.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * Where senders and fan-outs leave the statuses they write, so that the delivery-status topic is
 * never on an alert's path. A status goes to the topic at once; while it cannot (the topic's
 * partitions are unavailable, the broker does not answer), it waits here, in memory, and is
 * written again in the order it came, with back-off, until the topic takes it.
 *
 * <p>Two moments matter to a writer: when the status is <em>stored</em> (the broker has it with
 * acks=all: a sender may let the task's offset go), and when it is <em>released</em>: stored,
 * or, once the topic has been failing for {@code outageAfter} or a write has failed, waiting in
 * the buffer. A sender holds its in-flight window permit until release, so that in normal
 * operation a crash can make it send again only what its window holds, while during an outage
 * sending goes on with the statuses buffered. The buffer is bounded: {@link #write} blocks
 * while {@code capacity} statuses wait, which stops sending until the topic is back. What a crash
 * during an outage can send twice is therefore the window plus the buffer.
 */
public final class StatusOutbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StatusOutbox.class);
  private static final int RETRY_BATCH = 500;

  private final StatusPublisher publisher;
  private final int capacity;
  private final Duration outageAfter;
  private final Semaphore room;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListMap<Long, Entry> waiting = new ConcurrentSkipListMap<>();
  private final PriorityBlockingQueue<Entry> retries =
      new PriorityBlockingQueue<>(64, (a, b) -> Long.compare(a.sequence, b.sequence));
  private final AtomicInteger retrying = new AtomicInteger();
  private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("status-outbox-watch").daemon().factory());
  private volatile boolean outage;
  private volatile boolean running;
  private Thread retrier;

  private static final class Entry {
    final long sequence;
    final DeliveryStatus status;
    final long since = System.nanoTime();
    final boolean counted;
    final Runnable released;
    final Runnable stored;
    final AtomicBoolean releasedOnce = new AtomicBoolean();

    Entry(long sequence, DeliveryStatus status, boolean counted, Runnable released,
          Runnable stored) {
      this.sequence = sequence;
      this.status = status;
      this.counted = counted;
      this.released = released;
      this.stored = stored;
    }

    void release() {
      if (releasedOnce.compareAndSet(false, true)) {
        released.run();
      }
    }
  }

  /**
   * @param capacity statuses that may wait for the topic at most
   * @param outageAfter how long a status may take to be stored before the topic counts as
   *     unavailable and writers are released
   */
  public StatusOutbox(StatusPublisher publisher, int capacity, Duration outageAfter) {
    this.publisher = publisher;
    this.capacity = capacity;
    this.outageAfter = outageAfter;
    this.room = new Semaphore(capacity);
  }

  /**
   * Hands a status over. Blocks while the buffer is full.
   *
   * @param released runs once, when the status is stored or waits in the buffer during an outage
   * @param stored runs once the broker has the status
   */
  public void write(DeliveryStatus status, Runnable released, Runnable stored)
      throws InterruptedException {
    room.acquire();
    add(new Entry(sequence.incrementAndGet(), status, true, released, stored));
  }

  /** Hands over a status no writer waits for (a fan-out report): never blocks. */
  public void write(DeliveryStatus status) {
    add(new Entry(sequence.incrementAndGet(), status, false, () -> { }, () -> { }));
  }

  /** Statuses not stored yet. */
  public int waiting() {
    return waiting.size();
  }

  public int capacity() {
    return capacity;
  }

  /** Whether statuses are waiting for the topic because it failed or is slow. */
  public boolean outage() {
    return outage;
  }

  private void add(Entry entry) {
    waiting.put(entry.sequence, entry);
    if (outage) {
      entry.release();
    }
    if (retrying.get() > 0) {
      toRetries(entry);
    } else {
      publish(entry);
    }
  }

  private void publish(Entry entry) {
    publisher.publish(entry.status).whenComplete((sent, error) -> {
      if (error == null) {
        stored(entry);
      } else {
        if (!outage) {
          log.warn("Cannot store statuses: they wait and are written again ({})",
              error.toString());
        }
        outage = true;
        toRetries(entry);
      }
    });
  }

  private void toRetries(Entry entry) {
    retrying.incrementAndGet();
    retries.add(entry);
  }

  private void stored(Entry entry) {
    waiting.remove(entry.sequence);
    if (entry.counted) {
      room.release();
    }
    entry.release();
    entry.stored.run();
  }

  /** Writes waiting statuses again, oldest first, one batch at a time, until the topic takes them. */
  private void retry() {
    BackOffExecution pauses = newBackOff();
    while (running) {
      Entry first;
      try {
        first = retries.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        continue;
      }
      List<Entry> batch = new ArrayList<>(List.of(first));
      retries.drainTo(batch, RETRY_BATCH - 1);
      List<CompletableFuture<?>> writes = new ArrayList<>(batch.size());
      batch.forEach(entry -> writes.add(publisher.publish(entry.status)));
      boolean failed = false;
      for (int i = 0; i < batch.size(); i++) {
        Entry entry = batch.get(i);
        try {
          writes.get(i).join();
          retrying.decrementAndGet();
          stored(entry);
        } catch (RuntimeException e) {
          failed = true;
          retries.add(entry);
        }
      }
      if (failed) {
        long pause = pauses.nextBackOff();
        log.warn("{} statuses wait for the delivery-status topic; writing them again in {} ms",
            waiting.size(), pause);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          return;
        }
      } else {
        pauses = newBackOff();
      }
    }
  }

  /** Marks the outage and releases the writers of waiting statuses once a status is overdue. */
  private void watchOverdue() {
    Map.Entry<Long, Entry> oldest = waiting.firstEntry();
    boolean overdue = oldest != null
        && System.nanoTime() - oldest.getValue().since > outageAfter.toNanos();
    boolean now = overdue || retrying.get() > 0;
    if (now != outage) {
      outage = now;
      if (now) {
        log.warn("The delivery-status topic does not take statuses: {} wait, sending goes on "
            + "(at most {} may wait)", waiting.size(), capacity);
      } else {
        log.info("The delivery-status topic takes statuses again");
      }
    }
    if (now) {
      waiting.values().forEach(Entry::release);
    }
  }

  private static BackOffExecution newBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    return backOff.start();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    retrier = Thread.ofPlatform().name("status-outbox-retry").daemon().start(this::retry);
    watch.scheduleWithFixedDelay(this::watchOverdue, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    long deadline = System.nanoTime() + outageAfter.toNanos();
    while (!waiting.isEmpty() && !outage && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    watch.shutdownNow();
    if (retrier != null) {
      retrier.interrupt();
      retrier = null;
    }
    if (!waiting.isEmpty()) {
      log.warn("Stopping with {} statuses not stored: their tasks are read again after the "
          + "restart", waiting.size());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before and stops after the senders and the fan-out that write to it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 150;
  }
}
