package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * One CAP info block as read, before the blocks of a message are merged into one alert. An
 * element the block leaves out is null (a list: empty; channels: null).
 *
 * @param field where the block is in the message, e.g. {@code alert.info[2]}
 * @param eventCodes the eventCode values by valueName
 */
record CapInfo(String field, String language, List<AlertCategory> categories, String event,
               Map<String, String> eventCodes, Urgency urgency, Severity severity,
               Certainty certainty, Instant effective, Instant expires, String senderName,
               String headline, String description, String instruction, String web,
               String smsText, List<Channel> channels, List<Area> areas) {

  /**
   * One {@code <area>} of the block.
   *
   * @param zoneIds the zones it names by Tocsin's own geocode
   * @param geocodes the other geocodes, to be resolved through the zones' external codes
   */
  record Area(String field, String description, List<DrawnPolygon> polygons,
              List<DrawnCircle> circles, List<String> zoneIds, List<Geocode> geocodes) {

    boolean hasGeometry() {
      return !polygons.isEmpty() || !circles.isEmpty();
    }
  }

  /** A geocode other than Tocsin's own: a value of a code list, e.g. NIS 21004. */
  record Geocode(String field, String valueName, String value) {
  }
}
