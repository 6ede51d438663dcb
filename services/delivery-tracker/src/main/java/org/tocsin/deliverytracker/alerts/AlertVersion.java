package org.tocsin.deliverytracker.alerts;

import java.time.Instant;
import java.util.List;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;

/**
 * What the tracker keeps of one alert version for context: never its texts beyond a headline.
 *
 * @param sent when it was issued (CAP {@code sent}): the origin of every timing
 * @param publishedAt the record's timestamp on the alerts topic
 * @param channels the channels it asked for; empty means every channel
 */
public record AlertVersion(String alertId, int version, String identifier, String sender,
                           AlertStatus status, MessageType msgType, Severity severity,
                           String event, String headline, String areaDescription,
                           List<String> zoneIds, List<Channel> channels, Instant sent,
                           Instant expires, Instant publishedAt) {

  public AlertVersion {
    zoneIds = List.copyOf(zoneIds);
    channels = List.copyOf(channels);
  }

  public static AlertVersion of(AlertEvent event, Instant publishedAt) {
    return new AlertVersion(event.getAlertId(), event.getVersion(), event.getIdentifier(),
        event.getSender(), event.getStatus(), event.getMsgType(), event.getSeverity(),
        event.getEvent(), headline(event.getInfos()), event.getArea().getDescription(),
        event.getArea().getZoneIds(), event.getChannels(), event.getSent(), event.getExpires(),
        publishedAt);
  }

  /** Whether the channel is one this version asked for. */
  public boolean asks(Channel channel) {
    return channels.isEmpty() || channels.contains(channel);
  }

  public boolean inForce(Instant now) {
    return expires.isAfter(now) && msgType != MessageType.CANCEL;
  }

  private static String headline(List<Info> infos) {
    for (Info info : infos) {
      if (info.getLanguage().startsWith("en")) {
        return info.getHeadline();
      }
    }
    return infos.isEmpty() ? "" : infos.getFirst().getHeadline();
  }
}
