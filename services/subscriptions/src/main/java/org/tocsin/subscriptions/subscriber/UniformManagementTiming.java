package org.tocsin.subscriptions.subscriber;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.tocsin.subscriptions.SubscriptionsProperties;

/**
 * Keeps the management endpoints' timing from telling whether an address is registered. A
 * management code is issued after the request was answered, on a thread of its own, so the
 * answer costs the same whether there is a code to issue or not; a refused management code
 * answers no sooner than {@code tocsin.subscriptions.management-refusal-time} after the request
 * came, covering the locked row and the counted attempt of a registered address.
 */
@Component
class UniformManagementTiming implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UniformManagementTiming.class);

  private final Duration refusalTime;
  private final ThreadPoolExecutor issuing;
  private final Counter dropped;

  UniformManagementTiming(SubscriptionsProperties properties, MeterRegistry meters) {
    this.refusalTime = properties.subscriptions().managementRefusalTime();
    this.dropped = Counter.builder("tocsin.subscriptions.management.codes.dropped")
        .description("Management code requests answered but not served: the queue was full")
        .register(meters);
    this.issuing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(properties.subscriptions().managementCodeQueue()),
        Thread.ofPlatform().name("management-codes").daemon().factory(),
        (task, executor) -> dropped.increment());
  }

  /** Runs {@code work} after the answer; under overload (a full queue) not at all. */
  void afterAnswer(Runnable work) {
    issuing.execute(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        // No address in the log: it is personal data.
        log.warn("A management code could not be issued: {}", e.getClass().getName());
      }
    });
  }

  /** Waits until the refusal time since {@code startNanos} has passed. */
  void padRefusal(long startNanos) {
    long remaining = startNanos + refusalTime.toNanos() - System.nanoTime();
    if (remaining > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    issuing.shutdown();
    issuing.awaitTermination(5, TimeUnit.SECONDS);
  }
}
