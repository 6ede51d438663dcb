package org.tocsin.dispatcher.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tocsin.dispatcher.alert.AlertRules;
import org.tocsin.dispatcher.area.AlertArea;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.TaskKind;

/**
 * The delivery tasks of one alert version on one channel: the lane its priority calls for, the
 * texts in each recipient's language, the alert's named zones each recipient follows. How the
 * fan-out, a late subscriber and a correction that a fan-out could not see all make the same
 * task (same deterministic id) for one person.
 */
public final class AlertTasks {

  private final AlertEvent alert;
  private final Channel channel;
  private final Lane lane;
  private final List<String> zoneIds;
  private final AlertMessages messages;

  public AlertTasks(AlertEvent alert, Channel channel) {
    this.alert = alert;
    this.channel = channel;
    this.lane = AlertRules.lane(alert.getStatus(), alert.getSeverity());
    this.zoneIds = List.copyOf(alert.getArea().getZoneIds());
    this.messages = alert.getInfos().isEmpty() ? null : new AlertMessages(alert.getInfos(), channel);
  }

  /** Why this alert gets no task on this channel at {@code now}, or null if it does. */
  public static String skipReason(AlertEvent alert, Channel channel, Instant now) {
    if (!alert.getChannels().isEmpty() && !alert.getChannels().contains(channel)) {
      return "channel not requested";
    }
    if (alert.getStatus() == AlertStatus.SYSTEM) {
      return "SYSTEM messages are not for the public";
    }
    if (!alert.getExpires().isAfter(now)) {
      return "expired";
    }
    if (alert.getInfos().isEmpty()) {
      return "no texts";
    }
    return null;
  }

  public AlertEvent alert() {
    return alert;
  }

  public Lane lane() {
    return lane;
  }

  /** The named zones of the alert's area, in the order {@link Recipients#followedZones} uses. */
  public List<String> zoneIds() {
    return zoneIds;
  }

  /** The alert's area (its current version's only). */
  public AlertArea area() {
    return AlertArea.of(alert.getArea());
  }

  public boolean lifeSafety() {
    return AlertRules.lifeSafety(alert.getStatus(), alert.getSeverity());
  }

  public DeliveryTask task(Recipients recipients, int index, Instant createdAt) {
    String subscriberId = recipients.subscriberId(index);
    Message message = messages.forLanguage(recipients.language(index));
    int[] followed = recipients.followedZones(index);
    List<String> zones = List.of();
    if (followed.length > 0) {
      zones = new ArrayList<>(followed.length);
      for (int zone : followed) {
        zones.add(zoneIds.get(zone));
      }
    }
    return new DeliveryTask(
        TaskIds.forAlert(alert.getAlertId(), alert.getVersion(), subscriberId, channel),
        TaskKind.ALERT, channel, lane, subscriberId, recipients.address(index),
        recipients.pushKeys(index), alert.getAlertId(), alert.getVersion(),
        alert.getIdentifier(), alert.getStatus(), alert.getMsgType(), alert.getSeverity(),
        message, zones, createdAt, alert.getExpires());
  }
}
