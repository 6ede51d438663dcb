package org.tocsin.alertintake.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Malformed request bodies for {@code POST /api/v1/alerts}, each as large as the body-size
 * limit allows, each built to fail for one reason; where the reason is in one value, the rest of
 * the body is as costly to read as a valid body can be (a polygon of the most vertices, long
 * texts), so that no case measures a cheaper refusal than an attacker could send.
 */
final class MalformedBodies {

  static final int LIMIT = 1024 * 1024;
  /** Room left below the limit for what a body builder does not count exactly. */
  private static final int SLACK = 1024;
  private static final String ALERT_START =
      "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">";

  private MalformedBodies() {
  }

  static int bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }

  /** prefix, then unit repeated until the body is at the limit, then suffix. */
  static String fill(String prefix, String unit, String suffix) {
    int room = LIMIT - SLACK - bytes(prefix) - bytes(suffix);
    return prefix + unit.repeat(room / bytes(unit)) + suffix;
  }

  static String capNestedDeep() {
    return fill(ALERT_START, "<info>", "");
  }

  static String capManyElements() {
    return fill(ALERT_START, "<code>BE</code>", "</alert>");
  }

  static String capLongText() {
    return fill(ALERT_START + "<note>", "x", "</note></alert>");
  }

  static String capDoctype() {
    return fill("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY a \"aaaaaaaaaa\">]>"
        + ALERT_START + "<note>", "&a;", "</note></alert>");
  }

  static String capNotWellFormed() {
    return fill(ALERT_START, "<<", "");
  }

  /** A valid CAP message but for this circle, beside a polygon of the most pairs. */
  static String capRadius(String radius) {
    return padCap(cap("<headline>Brand</headline>", longPolygon(19_999)
        + "<circle>50.85,4.35 " + radius + "</circle>"));
  }

  static String capCrossingPolygon() {
    return padCap(cap("<headline>Brand</headline>", crossingPolygon(19_999)));
  }

  /** A valid CAP message but for one invisible character in its headline. */
  static String capWithCharacter(char character) {
    return padCap(cap("<headline>Brand" + character + "Rook</headline>", longPolygon(19_999)));
  }

  /** A message whose 1,900 areas are only geocodes of a scheme Tocsin knows, naming no zone. */
  static String capUnknownGeocodes() {
    StringBuilder areas = new StringBuilder();
    for (int i = 0; i < 1_900; i++) {
      areas.append(String.format(Locale.ROOT, "</area>%n<area><areaDesc>Gemeente %d</areaDesc>"
          + "<geocode><valueName>NIS</valueName><value>%05d</value></geocode>", i, 90_000 + i));
    }
    return padWhitespace(cap("<headline>Brand</headline>", "<geocode><valueName>NIS</valueName>"
        + "<value>89999</value></geocode>" + areas));
  }

  /** 500 info blocks in one language, each of another event, with long descriptions. */
  static String capContradictingBlocks() {
    StringBuilder infos = new StringBuilder();
    String description = "Rook. ".repeat(250);
    for (int i = 0; i < 500; i++) {
      infos.append(String.format(Locale.ROOT, """
          <info><language>nl-BE</language><category>Fire</category><event>Brand %d</event>
          <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
          <headline>Brand</headline><description>%s</description>
          <area><areaDesc>Namen</areaDesc><circle>50.47,4.87 %d</circle></area></info>
          """, i, description, 1 + i % 50));
    }
    return padWhitespace(capHeader() + infos + "</alert>");
  }

  static String jsonNestedDeep() {
    return fill("{\"status\": \"ACTUAL\", \"area\": {\"description\": \"Namen\", \"polygons\": "
        + "[{\"type\": \"Polygon\", \"coordinates\": ", "[", "");
  }

  static String jsonLongNumber() {
    return fill("{\"status\": \"ACTUAL\", \"area\": {\"circles\": [{\"centre\": {\"lat\": 50.85, "
        + "\"lon\": 4.35}, \"radiusMetres\": ", "1", "}]}}");
  }

  static String jsonPolygon(int vertices, boolean crossing) {
    return pad(jsonAlert("\"Brand\"", "50.85", "2000", "null")
        .replace("\"polygons\": []", "\"polygons\": [{\"type\": \"Polygon\", \"coordinates\": ["
            + jsonRing(vertices, crossing) + "]}]"));
  }

  static String jsonHeadlineWithControlCharacter() {
    return jsonAlert("\"x" + "x".repeat(LIMIT - 2000) + "\\u0007\"", "50.85", "2000", "null");
  }

  static String jsonRadius(String radius) {
    return pad(jsonAlert("\"Brand\"", "50.85", radius, "null"));
  }

  static String jsonLatitude(String latitude) {
    return pad(jsonAlert("\"Brand\"", latitude, "2000", "null"));
  }

  static String jsonEffective(String effective) {
    return pad(jsonAlert("\"Brand\"", "50.85", "2000", effective));
  }

  static String jsonManyCircles() {
    String circle = "{\"centre\": {\"lat\": 50.85, \"lon\": 4.35}, \"radiusMetres\": 2000}, ";
    String alert = jsonAlert("\"Brand\"", "50.85", "2000", "null");
    int at = alert.indexOf("\"circles\": [") + "\"circles\": [".length();
    return alert.substring(0, at) + circle.repeat((LIMIT - SLACK - bytes(alert))
        / bytes(circle)) + alert.substring(at);
  }

  static String jsonManyZones() {
    String alert = jsonAlert("\"Brand\"", "50.85", "2000", "null");
    int at = alert.indexOf("\"zoneIds\": [") + "\"zoneIds\": [".length();
    StringBuilder ids = new StringBuilder();
    for (int i = 0; bytes(alert) + ids.length() + 20 < LIMIT - SLACK; i++) {
      ids.append(i == 0 ? "" : ", ").append('"').append("NIS-").append(10_000 + i).append('"');
    }
    return alert.substring(0, at) + ids + alert.substring(at);
  }

  private static String capHeader() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>BE-NCCN-2026-1</identifier><sender>crisiscenter.be</sender>
          <sent>2026-05-24T12:00:00+02:00</sent><status>Actual</status>
          <msgType>Alert</msgType><scope>Public</scope>
        """;
  }

  private static String cap(String headline, String geometry) {
    return capHeader() + """
          <info>
            <language>nl-BE</language><category>Fire</category><event>Brand</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            %s<description>Rook</description>
            <area><areaDesc>Namen</areaDesc>%s</area>
          </info>
        </alert>""".formatted(headline, geometry);
  }

  /**
   * The CAP message with parameters that Tocsin reads and does not keep, each of a text as
   * long as accepted, before its first area, up to the limit.
   */
  private static String padCap(String cap) {
    int at = cap.indexOf("<area>");
    String empty = "<parameter><valueName>NOTE</valueName><value></value></parameter>\n";
    StringBuilder padding = new StringBuilder();
    int room = LIMIT - SLACK - bytes(cap);
    while (room > bytes(empty)) {
      int text = Math.min(10_000, room - bytes(empty));
      padding.append(empty.replace("<value></value>", "<value>" + "x".repeat(text) + "</value>"));
      room -= bytes(empty) + text;
    }
    return cap.substring(0, at) + padding + cap.substring(at);
  }

  /** The CAP message with its last line breaks indented further, up to the limit. */
  private static String padWhitespace(String cap) {
    int room = LIMIT - SLACK - bytes(cap);
    StringBuilder padded = new StringBuilder(cap.length() + room);
    String[] lines = cap.split("\n", -1);
    int indent = Math.min(5_000, room / Math.max(1, lines.length - 1) + 1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        int spaces = Math.min(indent, room);
        padded.append('\n').append(" ".repeat(spaces));
        room -= spaces;
      }
      padded.append(lines[i]);
    }
    return padded.toString();
  }

  /** The JSON with whitespace before its last brace up to the limit. */
  private static String pad(String json) {
    int end = json.lastIndexOf('}');
    return json.substring(0, end) + " ".repeat(LIMIT - SLACK - bytes(json)) + json.substring(end);
  }

  /** A CAP polygon of this many pairs round Namur, each as long as CAP numbers may be. */
  private static String longPolygon(int pairs) {
    StringBuilder text = new StringBuilder("<polygon>");
    for (int i = 0; i < pairs - 1; i++) {
      double angle = 2 * Math.PI * i / (pairs - 1);
      text.append(String.format(Locale.ROOT, "%.15f,%.15f ", 50.47 + 0.1 * Math.sin(angle),
          4.87 + 0.1 * Math.cos(angle)));
    }
    text.append(String.format(Locale.ROOT, "%.15f,%.15f", 50.47, 4.97));
    return text.append("</polygon>").toString();
  }

  /** A CAP polygon of this many pairs that zigzags across itself, closed. */
  private static String crossingPolygon(int pairs) {
    StringBuilder text = new StringBuilder("<polygon>");
    for (int i = 0; i < pairs - 1; i++) {
      text.append(String.format(Locale.ROOT, "%.12f,%.12f ", 50.40 + 0.2 * i / pairs
          + (i % 2 == 0 ? 0 : 0.05), 4.80 + 0.1 * (i % 2)));
    }
    text.append("50.400000000000,4.800000000000");
    return text.append("</polygon>").toString();
  }

  private static String jsonRing(int vertices, boolean crossing) {
    StringBuilder ring = new StringBuilder("[");
    for (int i = 0; i < vertices - 1; i++) {
      double lon;
      double lat;
      if (crossing) {
        lat = 50.40 + 0.2 * i / vertices + (i % 2 == 0 ? 0 : 0.05);
        lon = 4.80 + 0.1 * (i % 2);
      } else {
        double angle = 2 * Math.PI * i / (vertices - 1);
        lat = 50.47 + 0.1 * Math.sin(angle);
        lon = 4.87 + 0.1 * Math.cos(angle);
      }
      ring.append(String.format(Locale.ROOT, "[%.9f,%.9f],", lon, lat));
    }
    ring.append(ring, 1, ring.indexOf("]") + 1).append(']');
    return ring.toString();
  }

  private static String jsonAlert(String headline, String lat, String radius, String effective) {
    String info = "{\"language\": \"%s\", \"headline\": %s, \"description\": \"Rook\", "
        + "\"smsText\": \"Brand\"}";
    return """
        {"status": "ACTUAL", "categories": ["FIRE"], "event": "Brand", "urgency": "IMMEDIATE",
         "severity": "SEVERE", "certainty": "OBSERVED", "effective": %s,
         "infos": [%s, %s, %s, %s],
         "area": {"description": "Namen", "polygons": [], "zoneIds": [],
                  "circles": [{"centre": {"lat": %s, "lon": 4.87}, "radiusMetres": %s}]}}
        """.formatted(effective, info.formatted("nl", headline), info.formatted("fr", "\"Feu\""),
        info.formatted("de", "\"Brand\""), info.formatted("en", "\"Fire\""), lat, radius);
  }
}
