package org.tocsin.dispatcher.late;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tocsin.dispatcher.alert.AlertRules;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.AlertTasks;
import org.tocsin.dispatcher.fanout.TaskWriter;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;

/**
 * Gives an ACTUAL alert in force to the people who come into its area after its fan-out: who
 * register, verify a contact, add a place or follow a zone inside it (people register during a
 * crisis because of it). Every subscriber change the directory applies is checked against the
 * latest version of every alert in force that this instance fans out (it owns the alert's
 * partition in its lane); a match gets that version's task, the very task the fan-out would
 * have made (same id), so a person gets each version once. Exercises, tests and cancelled alerts
 * are never sent late.
 *
 * <p>When this instance takes partitions of the alerts topic over (at start, after another
 * instance left), the subscribers whose latest change was recorded since each alert was sent
 * ({@code lookBack} earlier, for the producers' clocks and transactions) are checked the same
 * way: what a crashed predecessor had not done yet, and everyone who registered while no
 * instance ran, is done then.
 */
public final class LateSubscribers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LateSubscribers.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private record Pass(Lane lane, Set<Integer> partitions) {
  }

  private final Channel channel;
  private final SubscriberDirectory directory;
  private final AlertStates alerts;
  private final TaskWriter tasks;
  private final AlertOwnership ownership;
  private final Duration lookBack;
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final LinkedBlockingQueue<Pass> passes = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private volatile boolean checking;
  private Thread thread;

  public LateSubscribers(Channel channel, SubscriberDirectory directory, AlertStates alerts,
                         TaskWriter tasks, AlertOwnership ownership, Duration lookBack) {
    this.channel = channel;
    this.directory = directory;
    this.alerts = alerts;
    this.tasks = tasks;
    this.ownership = ownership;
    this.lookBack = lookBack;
  }

  /** Subscribers the directory has just applied a change of. */
  public void changed(Collection<String> subscriberIds) {
    if (checking) {
      changed.addAll(subscriberIds);
    }
  }

  /** This instance now fans out these partitions of the alerts topic in this lane. */
  public void assigned(Lane lane, Collection<Integer> partitions) {
    if (!partitions.isEmpty()) {
      passes.add(new Pass(lane, Set.copyOf(partitions)));
    }
  }

  /** Starts checking; called once the directory and the alerts in force are read. */
  public synchronized void startChecking() {
    if (running && thread == null) {
      checking = true;
      thread = Thread.ofPlatform().name("late-subscribers").daemon().start(this::run);
    }
  }

  private void run() {
    while (running) {
      try {
        Pass pass = passes.poll(100, TimeUnit.MILLISECONDS);
        if (pass != null) {
          try {
            check(pass);
          } catch (RuntimeException e) {
            passes.add(pass);
            throw e;
          }
        }
        if (!changed.isEmpty()) {
          List<String> ids = new ArrayList<>(changed);
          changed.removeAll(ids);
          try {
            checkChanged(ids);
          } catch (RuntimeException e) {
            changed.addAll(ids);
            throw e;
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Cannot check late subscribers now; trying again in {}: {}", RETRY,
            e.toString());
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void check(Pass pass) {
    Instant now = Instant.now();
    for (AlertEvent alert : eligible(now)) {
      if (lane(alert) == pass.lane()
          && pass.partitions().contains(alerts.partition(alert.getAlertId()))) {
        List<String> ids = directory.changedSince(
            alert.getSent().minus(lookBack).toEpochMilli());
        write(alert, ids, now);
      }
    }
  }

  private void checkChanged(List<String> ids) {
    Instant now = Instant.now();
    for (AlertEvent alert : eligible(now)) {
      if (ownership.owns(lane(alert), alerts.partition(alert.getAlertId()))) {
        write(alert, ids, now);
      }
    }
  }

  private void write(AlertEvent alert, List<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    AlertTasks version = new AlertTasks(alert, channel);
    Recipients late = directory.matchAmong(ids, version.area(), version.zoneIds(),
        now.toEpochMilli(), alert.getCategories(), version.lifeSafety());
    if (late.size() == 0) {
      return;
    }
    List<DeliveryTask> written = new ArrayList<>(late.size());
    for (int i = 0; i < late.size(); i++) {
      written.add(version.task(late, i, now));
    }
    tasks.write(written).join();
    log.info("Alert {} version {} goes to {} people who came into its area after its fan-out",
        alert.getAlertId(), alert.getVersion(), late.size());
  }

  /** The latest versions that late subscribers get: ACTUAL, in force, not a cancel. */
  private List<AlertEvent> eligible(Instant now) {
    return alerts.latestInForce(now).stream()
        .filter(alert -> alert.getStatus() == AlertStatus.ACTUAL)
        .filter(alert -> alert.getMsgType() != MessageType.CANCEL)
        .filter(alert -> AlertTasks.skipReason(alert, channel, now) == null)
        .toList();
  }

  private static Lane lane(AlertEvent alert) {
    return AlertRules.lane(alert.getStatus(), alert.getSeverity());
  }

  @Override
  public synchronized void start() {
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    checking = false;
    if (thread != null) {
      thread.interrupt();
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
