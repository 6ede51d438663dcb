package org.tocsin.alertpage.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;

/**
 * Every version of one alert read so far (the first ALERT, its UPDATEs, its CANCEL), ordered by
 * version whatever order they were read in. Immutable: {@link #with} returns the history that
 * includes one more version.
 */
public final class AlertHistory {

  private static final Comparator<AlertEvent> BY_VERSION =
      Comparator.comparingInt(AlertEvent::getVersion);

  private final String alertId;
  /** Oldest first. */
  private final List<AlertEvent> versions;

  private AlertHistory(String alertId, List<AlertEvent> versions) {
    this.alertId = alertId;
    this.versions = List.copyOf(versions);
  }

  public static AlertHistory of(AlertEvent first) {
    return new AlertHistory(first.getAlertId(), List.of(first));
  }

  /**
   * This history with {@code event} added; this same history if it already holds that version
   * (a version read twice is the same message).
   *
   * @throws IllegalArgumentException if the event belongs to another alert
   */
  public AlertHistory with(AlertEvent event) {
    if (!alertId.equals(event.getAlertId())) {
      throw new IllegalArgumentException("Version of alert " + event.getAlertId()
          + " given to the history of " + alertId);
    }
    if (versions.stream().anyMatch(known -> known.getVersion() == event.getVersion())) {
      return this;
    }
    List<AlertEvent> more = new ArrayList<>(versions);
    more.add(event);
    more.sort(BY_VERSION);
    return new AlertHistory(alertId, more);
  }

  public String alertId() {
    return alertId;
  }

  /** The version with the highest number: what the alert says now. */
  public AlertEvent latest() {
    return versions.getLast();
  }

  /** Every version, the latest first. */
  public List<AlertEvent> newestFirst() {
    return versions.reversed();
  }

  /** When the alert was first sent (its oldest version read). */
  public Instant firstSent() {
    return versions.getFirst().getSent();
  }

  public AlertState state(Instant now) {
    AlertEvent latest = latest();
    if (latest.getMsgType() == MessageType.CANCEL) {
      return new AlertState.Cancelled(latest.getSent());
    }
    if (!now.isBefore(latest.getExpires())) {
      return new AlertState.Expired(latest.getExpires());
    }
    if (now.isBefore(latest.getEffective())) {
      return new AlertState.Upcoming(latest.getEffective(), latest.getExpires());
    }
    return new AlertState.InForce(latest.getExpires());
  }

  /** When the alert stopped concerning anyone (cancelled or expired); null while it does. */
  public Instant endedAt(Instant now) {
    return switch (state(now)) {
      case AlertState.Cancelled cancelled -> cancelled.at();
      case AlertState.Expired expired -> expired.at();
      case AlertState.Upcoming upcoming -> null;
      case AlertState.InForce inForce -> null;
    };
  }
}
