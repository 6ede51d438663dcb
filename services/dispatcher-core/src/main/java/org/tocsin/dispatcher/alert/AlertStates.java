package org.tocsin.dispatcher.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;

/**
 * What a sender knows of every alert still in force, from the alerts topic: its latest version,
 * whether it was cancelled, when it ends. A task of an older version than the latest is not
 * sent: it ends CANCELLED if the alert was cancelled and SKIPPED if an update superseded it
 * (the update itself reaches the same people).
 */
public final class AlertStates {

  /** What became of a task's alert version. */
  public sealed interface Verdict {
    /** The version is the latest: send. */
    record Current() implements Verdict {
    }

    record Superseded(int byVersion) implements Verdict {
    }

    record Cancelled(int byVersion) implements Verdict {
    }
  }

  private static final Verdict CURRENT = new Verdict.Current();

  private record Known(int latestVersion, boolean cancelled, Instant firstSent,
                       Instant expires) {
  }

  private final Map<String, Known> alerts = new ConcurrentHashMap<>();

  public void record(AlertEvent event) {
    alerts.merge(event.getAlertId(), known(event), (old, latest) -> new Known(
        Math.max(old.latestVersion(), latest.latestVersion()),
        old.latestVersion() >= latest.latestVersion() ? old.cancelled() : latest.cancelled(),
        old.firstSent().isBefore(latest.firstSent()) ? old.firstSent() : latest.firstSent(),
        old.expires().isAfter(latest.expires()) ? old.expires() : latest.expires()));
  }

  public Verdict verdict(String alertId, int version) {
    Known known = alerts.get(alertId);
    if (known == null || known.latestVersion() <= version) {
      return CURRENT;
    }
    return known.cancelled() ? new Verdict.Cancelled(known.latestVersion())
        : new Verdict.Superseded(known.latestVersion());
  }

  /**
   * When the oldest alert still in force (or ended less than {@code grace} ago) was first sent;
   * {@code now - grace} if there is none. Everything a sender must remember was written since.
   */
  public Instant earliestSentInForce(Instant now, Duration grace) {
    Instant horizon = now.minus(grace);
    Instant earliest = horizon;
    for (Known known : alerts.values()) {
      if (known.expires().isAfter(horizon) && known.firstSent().isBefore(earliest)) {
        earliest = known.firstSent();
      }
    }
    return earliest;
  }

  /** Whether the alert is still in force, or ended less than {@code grace} before now. */
  public boolean inForce(String alertId, Instant now, Duration grace) {
    Known known = alerts.get(alertId);
    return known != null && known.expires().isAfter(now.minus(grace));
  }

  /** Forgets alerts that ended more than {@code grace} ago. */
  public void forgetEnded(Instant now, Duration grace) {
    Instant horizon = now.minus(grace);
    alerts.values().removeIf(known -> known.expires().isBefore(horizon));
  }

  private static Known known(AlertEvent event) {
    return new Known(event.getVersion(), event.getMsgType() == MessageType.CANCEL,
        event.getSent(), event.getExpires());
  }
}
