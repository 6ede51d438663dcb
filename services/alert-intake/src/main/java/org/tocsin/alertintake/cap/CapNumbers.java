package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.tocsin.alertintake.geometry.LatLon;

/**
 * The numbers and times of CAP, read with bounded length and magnitude before any conversion,
 * so that no value costs more than a few microseconds: plain decimals (no exponent, at most 20
 * characters, such as {@code 50.8503} or {@code -2.5}), and CAP date-times of the pattern the
 * CAP 1.2 schema gives ({@code 2026-05-24T16:49:00+02:00}: four-digit year, no fractions).
 */
final class CapNumbers {

  static final int MAX_DECIMAL_LENGTH = 20;
  private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,15}(\\.\\d{1,15})?");
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[-+]\\d{2}:\\d{2}");

  private CapNumbers() {
  }

  /** A plain decimal number, or null if the text is not one. */
  static Double decimal(String text) {
    if (text == null || text.length() > MAX_DECIMAL_LENGTH || !DECIMAL.matcher(text).matches()) {
      return null;
    }
    return Double.parseDouble(text);
  }

  /** A WGS 84 pair "latitude,longitude" within range, or null. */
  static LatLon position(String pair) {
    int comma = pair.indexOf(',');
    if (comma < 0 || comma != pair.lastIndexOf(',')) {
      return null;
    }
    Double lat = decimal(pair.substring(0, comma));
    Double lon = decimal(pair.substring(comma + 1));
    if (lat == null || lon == null) {
      return null;
    }
    LatLon position = new LatLon(lat, lon);
    return position.withinRange() ? position : null;
  }

  /** A CAP date-time, or null if the text is not one. */
  static Instant dateTime(String text) {
    if (text.length() != 25 || !DATE_TIME.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
