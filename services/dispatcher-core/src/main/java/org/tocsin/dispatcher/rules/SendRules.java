package org.tocsin.dispatcher.rules;

import java.time.Instant;
import java.util.function.Predicate;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.TaskKind;

/**
 * Whether a task read from a lane is sent, in this order:
 * <ol>
 *   <li>the person already has this alert version, at whatever address (or the verification
 *       task ended): nothing to do;</li>
 *   <li>the same task is in a provider call, or another copy of it (read twice) makes its
 *       attempts: wait for it;</li>
 *   <li>it expired: EXPIRED;</li>
 *   <li>its alert was cancelled since: CANCELLED; superseded by an update: SKIPPED (the update
 *       reaches the same person);</li>
 *   <li>the subscriber was erased, or no longer has this address: SKIPPED (erasure wins over
 *       everything; a new address gets its own task);</li>
 *   <li>a CANCEL goes only to a person an earlier version was sent or attempted to, and waits
 *       while such an attempt is in a provider call.</li>
 * </ol>
 * A task that ended without a provider call is decided again if it is read again, since what
 * ended it may have changed (an attempt of the version a cancel cancels may have been recorded
 * since).
 */
public final class SendRules {

  private static final SendDecision SEND = new SendDecision.Send();
  private static final SendDecision FINISHED = new SendDecision.AlreadyFinished();

  private final SendLedger ledger;
  private final AlertStates alerts;
  private final SubscriberDirectory directory;

  public SendRules(SendLedger ledger, AlertStates alerts, SubscriberDirectory directory) {
    this.ledger = ledger;
    this.alerts = alerts;
    this.directory = directory;
  }

  /**
   * @param inFlight whether the task with this id is in a provider call (or its status is being
   *     stored), or, for the task decided, whether another copy of it makes its attempts (in a
   *     call or in back-off between them)
   */
  public SendDecision decide(DeliveryTask task, Instant now, Predicate<String> inFlight) {
    if (ledger.finished(task)) {
      return FINISHED;
    }
    if (inFlight.test(task.getTaskId())) {
      return new SendDecision.Wait("the same task is in a provider call or between attempts");
    }
    if (!task.getExpires().isAfter(now)) {
      return new SendDecision.End(DeliveryOutcome.EXPIRED, "expired at " + task.getExpires());
    }
    if (task.getKind() == TaskKind.VERIFICATION) {
      return SEND;
    }
    switch (alerts.verdict(task.getAlertId(), task.getAlertVersion())) {
      case AlertStates.Verdict.Cancelled cancelled -> {
        return new SendDecision.End(DeliveryOutcome.CANCELLED,
            "alert cancelled by version " + cancelled.byVersion());
      }
      case AlertStates.Verdict.Superseded superseded -> {
        return new SendDecision.End(DeliveryOutcome.SKIPPED,
            "superseded by version " + superseded.byVersion());
      }
      case AlertStates.Verdict.Current current -> {
      }
    }
    if (!directory.reaches(task.getSubscriberId(), task.getRecipient())) {
      return new SendDecision.End(DeliveryOutcome.SKIPPED, "subscriber erased or contact changed");
    }
    if (task.getMsgType() == MessageType.CANCEL) {
      return cancel(task, inFlight);
    }
    return SEND;
  }

  private SendDecision cancel(DeliveryTask task, Predicate<String> inFlight) {
    boolean attempted = false;
    for (int version = 1; version < task.getAlertVersion(); version++) {
      String earlier = TaskIds.forAlert(task.getAlertId(), version, task.getSubscriberId(),
          task.getChannel());
      if (inFlight.test(earlier)) {
        return new SendDecision.Wait("version " + version + " to the same person is in a "
            + "provider call");
      }
      attempted |= ledger.attempted(task.getAlertId(), version, task.getSubscriberId());
    }
    return attempted ? SEND : new SendDecision.End(DeliveryOutcome.SKIPPED,
        "never sent or attempted by the alert it cancels");
  }
}
