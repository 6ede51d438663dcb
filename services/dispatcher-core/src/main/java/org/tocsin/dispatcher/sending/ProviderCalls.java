package org.tocsin.dispatcher.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Makes the provider calls: within the in-flight window and the chosen account's pace, on
 * virtual threads; then acts on the {@link SendResult}: a status for an accepted or refused
 * message, the queue again after a 429, a retry with exponential back-off and jitter after a
 * transient failure, the dead-letter topic once the attempts ran out.
 */
final class ProviderCalls {

  private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);
  private static final Duration PARK_RETRY = Duration.ofSeconds(1);

  private final ProviderRouting routing;
  private final SendingSettings settings;
  private final TaskEnds ends;
  private final SendMetrics metrics;
  private final DeadLetterPublishingRecoverer deadLetters;
  private final Semaphore window;
  private final Set<String> inFlight;
  private final BiConsumer<WorkItem, Duration> later;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param later puts a task back on the queue after a delay (zero: at once)
   */
  ProviderCalls(ProviderRouting routing, SendingSettings settings, TaskEnds ends,
                SendMetrics metrics, DeadLetterPublishingRecoverer deadLetters,
                Semaphore window, Set<String> inFlight, BiConsumer<WorkItem, Duration> later) {
    this.routing = routing;
    this.settings = settings;
    this.ends = ends;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.window = window;
    this.inFlight = inFlight;
    this.later = later;
  }

  /** Takes a window permit and the account's pace (blocking), then calls on a virtual thread. */
  void send(WorkItem item) throws InterruptedException {
    window.acquire();
    ProviderRouting.Route route = routing.choose();
    try {
      route.throttle().acquire();
    } catch (InterruptedException e) {
      routing.unused(route);
      window.release();
      throw e;
    }
    inFlight.add(item.task.getTaskId());
    item.progress.dispatched();
    item.attempts++;
    calls.execute(() -> call(item, route));
  }

  void shutdown() {
    calls.shutdown();
  }

  private void call(WorkItem item, ProviderRouting.Route route) {
    long started = System.nanoTime();
    SendResult result;
    try {
      result = route.gateway().send(item.task);
    } catch (RuntimeException e) {
      log.warn("Provider account {} failed unexpectedly", route.gateway().account(), e);
      result = new SendResult.TransientFailure("exception", e.getClass().getSimpleName());
    } finally {
      route.throttle().release();
    }
    long nanos = System.nanoTime() - started;
    routing.record(route, result, nanos);
    String account = route.gateway().account();
    metrics.providerCall(account, result, nanos);
    DeliveryTask task = item.task;
    try {
      switch (result) {
        case SendResult.Accepted accepted -> ends.afterCall(item,
            StatusPublisher.of(task, DeliveryOutcome.SENT).setAttempt(item.attempts)
                .setProvider(account).setProviderMessageId(accepted.providerMessageId())
                .build());
        case SendResult.PermanentFailure refused -> ends.afterCall(item,
            StatusPublisher.of(task, DeliveryOutcome.FAILED).setAttempt(item.attempts)
                .setProvider(account).setErrorCode(refused.errorCode())
                .setReason(refused.reason()).build());
        case SendResult.RateLimited limited -> {
          metrics.rateLimited(account);
          item.attempts--;
          ends.returned(item);
          if (limited.retryAfter().isZero()) {
            route.throttle().rateLimited();
            later.accept(item, Duration.ZERO);
          } else {
            later.accept(item, heldUntilAtMostExpiry(task, limited.retryAfter()));
          }
        }
        case SendResult.TransientFailure failure -> retryOrGiveUp(item, account, failure);
      }
    } catch (InterruptedException e) {
      // Shutting down: the task's offset was not released, so it is read again after restart.
      Thread.currentThread().interrupt();
    }
  }

  private void retryOrGiveUp(WorkItem item, String account, SendResult.TransientFailure failure)
      throws InterruptedException {
    DeliveryTask task = item.task;
    if (item.attempts < settings.maxAttempts()) {
      metrics.retried(account);
      ends.retrying(item, StatusPublisher.of(task, DeliveryOutcome.RETRYING)
          .setAttempt(item.attempts).setProvider(account).setErrorCode(failure.errorCode())
          .setReason(failure.reason()).build());
      later.accept(item, backoff(item));
      return;
    }
    try {
      deadLetters.accept(new ConsumerRecord<>(item.progress.partition().topic(),
              item.progress.partition().partition(), item.offset, task.getRecipient(), task),
          new DeliveryFailedException(failure.errorCode(), failure.reason()));
      metrics.deadLettered();
    } catch (RuntimeException e) {
      log.error("Cannot park task {} on the dead-letter topic; trying again later",
          task.getTaskId(), e);
      ends.returned(item);
      later.accept(item, PARK_RETRY);
      return;
    }
    ends.afterCall(item, StatusPublisher.of(task, DeliveryOutcome.FAILED)
        .setAttempt(item.attempts).setProvider(account).setErrorCode(failure.errorCode())
        .setReason("dead-lettered after " + item.attempts + " attempts: " + failure.reason())
        .build());
  }

  /** A wait the provider asked for, but no longer than the task has to live. */
  private static Duration heldUntilAtMostExpiry(DeliveryTask task, Duration wait) {
    Duration left = Duration.between(Instant.now(), task.getExpires()).plusMillis(1);
    return left.compareTo(wait) < 0 ? left.isNegative() ? Duration.ZERO : left : wait;
  }

  private Duration backoff(WorkItem item) {
    if (item.backOff == null) {
      ExponentialBackOff policy = new ExponentialBackOff(
          settings.firstRetryDelay().toMillis(), 2.0);
      policy.setMaxInterval(settings.maxRetryDelay().toMillis());
      policy.setJitter(settings.firstRetryDelay().toMillis() / 5);
      item.backOff = policy.start();
    }
    return Duration.ofMillis(Math.max(1, item.backOff.nextBackOff()));
  }
}
