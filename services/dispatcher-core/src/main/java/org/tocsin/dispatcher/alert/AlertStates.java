package org.tocsin.dispatcher.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;

/**
 * What a dispatcher knows of every alert still in force, from the alerts topic: its latest
 * version (the whole event, so that a correction or a late subscriber can be given it), when it
 * was first sent, when it ends, and the partition of the alerts topic it is on. A task of an
 * older version than the latest is not sent: it ends CANCELLED if the alert was cancelled and
 * SKIPPED if an update superseded it (the update itself reaches the same people).
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

  private record Known(AlertEvent latest, int partition, Instant firstSent, Instant expires) {
  }

  private final Map<String, Known> alerts = new ConcurrentHashMap<>();

  /** Records an event read from partition {@code partition} of the alerts topic. */
  public void record(AlertEvent event, int partition) {
    Known read = new Known(event, partition, event.getSent(), event.getExpires());
    alerts.merge(event.getAlertId(), read, (old, latest) -> new Known(
        old.latest().getVersion() >= latest.latest().getVersion() ? old.latest() : latest.latest(),
        latest.partition(),
        old.firstSent().isBefore(latest.firstSent()) ? old.firstSent() : latest.firstSent(),
        old.expires().isAfter(latest.expires()) ? old.expires() : latest.expires()));
  }

  public Verdict verdict(String alertId, int version) {
    Known known = alerts.get(alertId);
    if (known == null || known.latest().getVersion() <= version) {
      return CURRENT;
    }
    int latest = known.latest().getVersion();
    return known.latest().getMsgType() == MessageType.CANCEL ? new Verdict.Cancelled(latest)
        : new Verdict.Superseded(latest);
  }

  /** The latest version known of the alert. */
  public Optional<AlertEvent> latest(String alertId) {
    Known known = alerts.get(alertId);
    return known == null ? Optional.empty() : Optional.of(known.latest());
  }

  /** The partition of the alerts topic the alert's events are on, or -1 if unknown. */
  public int partition(String alertId) {
    Known known = alerts.get(alertId);
    return known == null ? -1 : known.partition();
  }

  /** The latest version of every alert whose latest version has not expired at {@code now}. */
  public List<AlertEvent> latestInForce(Instant now) {
    List<AlertEvent> inForce = new ArrayList<>();
    for (Known known : alerts.values()) {
      if (known.latest().getExpires().isAfter(now)) {
        inForce.add(known.latest());
      }
    }
    return inForce;
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
}
