package org.tocsin.alertpage.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;

/**
 * The history of every public alert read from the alerts topic, kept until it has been over for
 * {@code keepEnded}. SYSTEM messages are Tocsin's own and never public.
 *
 * <p>A change is proposed ({@link #adding}) and then kept ({@link #keep}) once what depends on
 * it (its pages) is ready, so that a history never holds a version whose pages failed.
 */
public final class AlertHistories {

  private final Duration keepEnded;
  private final Map<String, AlertHistory> histories = new ConcurrentHashMap<>();

  public AlertHistories(Duration keepEnded) {
    this.keepEnded = keepEnded;
  }

  public Duration keepEnded() {
    return keepEnded;
  }

  /**
   * The history of the alert with these versions of it added; empty if they change nothing:
   * already known, not public, or of an alert over for longer than it is kept (read again by a
   * restart).
   */
  public Optional<AlertHistory> adding(List<AlertEvent> versions, Instant now) {
    AlertHistory before = null;
    AlertHistory after = null;
    for (AlertEvent version : versions) {
      if (version.getStatus() == AlertStatus.SYSTEM) {
        continue;
      }
      if (after == null) {
        before = histories.get(version.getAlertId());
        after = before == null ? AlertHistory.of(version) : before.with(version);
      } else {
        after = after.with(version);
      }
    }
    if (after == null || after == before || forgettable(after, now)) {
      return Optional.empty();
    }
    return Optional.of(after);
  }

  /** Keeps a history that {@link #adding} proposed. */
  public void keep(AlertHistory history) {
    histories.put(history.alertId(), history);
  }

  public Optional<AlertHistory> get(String alertId) {
    return Optional.ofNullable(histories.get(alertId));
  }

  public Collection<AlertHistory> all() {
    return List.copyOf(histories.values());
  }

  public int size() {
    return histories.size();
  }

  /** Forgets the alerts over for longer than they are kept; returns their ids. */
  public List<String> forgetEnded(Instant now) {
    List<String> forgotten = new ArrayList<>();
    histories.values().removeIf(history -> {
      boolean forget = forgettable(history, now);
      if (forget) {
        forgotten.add(history.alertId());
      }
      return forget;
    });
    return forgotten;
  }

  private boolean forgettable(AlertHistory history, Instant now) {
    Instant ended = history.endedAt(now);
    return ended != null && !now.isBefore(ended.plus(keepEnded));
  }
}
