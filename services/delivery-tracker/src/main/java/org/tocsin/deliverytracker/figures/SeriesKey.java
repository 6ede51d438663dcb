package org.tocsin.deliverytracker.figures;

import java.util.Objects;
import org.tocsin.events.v1.Channel;

/**
 * One alert version on one channel: the unit the tracker counts in.
 *
 * @param version the alert's version (1 for the first)
 */
public record SeriesKey(String alertId, int version, Channel channel) {

  public SeriesKey {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String toString() {
    return alertId + "/" + version + "/" + channel;
  }
}
