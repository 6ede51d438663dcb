package org.tocsin.dispatcher.sending;

import java.util.Set;
import java.util.concurrent.Semaphore;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * How a task ends: its status goes to the ledger at once (so a copy read again is known
 * finished) and to the {@link StatusOutbox}; its in-flight window permit is given back when the
 * outbox releases it; its offset goes once the status is stored and the {@link CorrectionCheck}
 * is done with it.
 */
final class TaskEnds {

  private final SendLedger ledger;
  private final StatusOutbox outbox;
  private final CorrectionCheck corrections;
  private final SendMetrics metrics;
  private final Semaphore window;
  private final Set<String> inFlight;
  private final AttemptingCopies copies;

  TaskEnds(SendLedger ledger, StatusOutbox outbox, CorrectionCheck corrections,
           SendMetrics metrics, Semaphore window, Set<String> inFlight,
           AttemptingCopies copies) {
    this.ledger = ledger;
    this.outbox = outbox;
    this.corrections = corrections;
    this.metrics = metrics;
    this.window = window;
    this.inFlight = inFlight;
    this.copies = copies;
  }

  /** The final status of a task a provider call was made for (it holds a window permit). */
  void afterCall(WorkItem item, DeliveryStatus status) throws InterruptedException {
    ledger.record(status);
    inFlight.remove(item.task.getTaskId());
    item.progress.returned();
    item.progress.statusHandedOver();
    outbox.write(status, window::release, () -> {
      item.progress.statusStored();
      metrics.ended(item.lane, status.getOutcome());
      corrections.after(item.task, () -> finish(item));
    });
  }

  /** A failed attempt that will be tried again: recorded, and its window permit given back. */
  void retrying(WorkItem item, DeliveryStatus status) {
    ledger.record(status);
    outbox.write(status);
    inFlight.remove(item.task.getTaskId());
    item.progress.returned();
    window.release();
  }

  /** A task a provider call was made for but that goes back to the queue without a status. */
  void returned(WorkItem item) {
    inFlight.remove(item.task.getTaskId());
    item.progress.returned();
    window.release();
  }

  /** Ends a task without a provider call. */
  void end(WorkItem item, DeliveryOutcome outcome, String reason) throws InterruptedException {
    DeliveryStatus status = StatusPublisher.of(item.task, outcome).setAttempt(item.attempts)
        .setReason(reason).build();
    ledger.record(status);
    item.progress.statusHandedOver();
    outbox.write(status, () -> { }, () -> {
      item.progress.statusStored();
      metrics.ended(item.lane, outcome);
      finish(item);
    });
  }

  /** A task read again that had finished: nothing to send, but maybe a correction to check. */
  void alreadyFinished(WorkItem item) {
    metrics.duplicate();
    corrections.after(item.task, () -> finish(item));
  }

  private void finish(WorkItem item) {
    copies.done(item);
    item.progress.finished(item.offset);
  }
}
