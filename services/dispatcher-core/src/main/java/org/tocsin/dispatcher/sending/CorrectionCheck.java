package org.tocsin.dispatcher.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.AlertTasks;
import org.tocsin.dispatcher.fanout.TaskWriter;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.TaskKind;

/**
 * Makes sure a correction reaches a person whose message was in a provider call while the
 * correction's fan-out looked for everyone an earlier version reached. That fan-out first
 * waits until its ledger has read every status stored so far; a status stored later is checked
 * here, after it is stored and before its task's offset goes: once this instance has read every
 * alert event committed so far, if the alert now has a later version, that version's task is
 * written for the person (its id is the one the fan-out would have given it, so it is sent once
 * even if the fan-out did see the status). One of the two therefore always sees the other.
 */
final class CorrectionCheck {

  /** Waits until this instance has read every alert event committed when it is called. */
  @FunctionalInterface
  interface AlertsRead {
    void awaitCommittedNow() throws Exception;
  }

  private record Pending(DeliveryTask task, Runnable then) {
  }

  private static final Logger log = LoggerFactory.getLogger(CorrectionCheck.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Channel channel;
  private final AlertStates alerts;
  private final SendLedger ledger;
  private final SubscriberDirectory directory;
  private final TaskWriter tasks;
  private final AlertsRead alertsRead;
  private final LinkedBlockingDeque<Pending> pending = new LinkedBlockingDeque<>();
  private volatile boolean running;
  private Thread thread;

  CorrectionCheck(Channel channel, AlertStates alerts, SendLedger ledger,
                  SubscriberDirectory directory, TaskWriter tasks, AlertsRead alertsRead) {
    this.channel = channel;
    this.alerts = alerts;
    this.ledger = ledger;
    this.directory = directory;
    this.tasks = tasks;
    this.alertsRead = alertsRead;
  }

  /** Runs {@code then} once a correction that the task's person may need is written. */
  void after(DeliveryTask task, Runnable then) {
    if (task.getKind() != TaskKind.ALERT) {
      then.run();
    } else {
      pending.add(new Pending(task, then));
    }
  }

  synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name("correction-check").daemon().start(this::run);
  }

  synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread = null;
    }
  }

  private void run() {
    while (running) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch);
        alertsRead.awaitCommittedNow();
        tasks.write(corrections(batch)).join();
        batch.forEach(each -> each.then().run());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        log.warn("Cannot check {} sent tasks for later versions of their alerts yet; trying "
            + "again in {}: {}", batch.size(), RETRY, e.toString());
        for (int i = batch.size() - 1; i >= 0; i--) {
          pending.addFirst(batch.get(i));
        }
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private List<DeliveryTask> corrections(List<Pending> batch) {
    Instant now = Instant.now();
    Map<String, AlertTasks> byAlert = new HashMap<>();
    List<DeliveryTask> corrections = new ArrayList<>();
    for (Pending each : batch) {
      DeliveryTask task = each.task();
      Optional<AlertEvent> latest = alerts.latest(task.getAlertId());
      if (latest.isEmpty() || latest.get().getVersion() <= task.getAlertVersion()
          || AlertTasks.skipReason(latest.get(), channel, now) != null
          || ledger.attempted(task.getAlertId(), latest.get().getVersion(),
              task.getSubscriberId())) {
        continue;
      }
      Recipients person = directory.among(List.of(task.getSubscriberId()));
      if (person.size() == 1) {
        AlertTasks version = byAlert.computeIfAbsent(task.getAlertId(),
            id -> new AlertTasks(latest.get(), channel));
        corrections.add(version.task(person, 0, now));
        log.info("Alert {} version {} reached a person after version {}'s fan-out looked: "
            + "that version goes to them too", task.getAlertId(), task.getAlertVersion(),
            latest.get().getVersion());
      }
    }
    return corrections;
  }
}
