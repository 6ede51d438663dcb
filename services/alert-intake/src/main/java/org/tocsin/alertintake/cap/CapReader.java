package org.tocsin.alertintake.cap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.alertintake.text.UnsafeCharacters;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a CAP 1.2 message into Tocsin's model: parsed within limits ({@link CapXml}), every
 * number and time bounded ({@link CapNumbers}), every text free of invisible characters, then
 * the info blocks merged by the most protective reading ({@link InfoBlocks}). What Tocsin
 * cannot honour is refused with the reason: a non-public scope, attachments, altitudes.
 * Informational elements that change nothing for the recipients (source, code, incidents,
 * responseType, audience, onset, contact, other parameters) are accepted and not kept.
 */
final class CapReader {

  private static final Set<String> ALERT_ELEMENTS = Set.of("identifier", "sender", "sent",
      "status", "msgType", "source", "scope", "restriction", "addresses", "code", "note",
      "references", "incidents", "info");
  private static final Set<String> INFO_ELEMENTS = Set.of("language", "category", "event",
      "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective",
      "onset", "expires", "senderName", "headline", "description", "instruction", "web",
      "contact", "parameter", "resource", "area");
  private static final Set<String> AREA_ELEMENTS = Set.of("areaDesc", "polygon", "circle",
      "geocode", "altitude", "ceiling");
  private static final String DETAIL = "The CAP message cannot be mapped onto a Tocsin alert";

  private final CapProperties properties;
  private final CapXml xml;
  private final int maxVerticesPerPolygon;

  CapReader(CapProperties properties, int maxVerticesPerPolygon) {
    this.properties = properties;
    this.xml = new CapXml(properties.maxDepth(), properties.maxElements(),
        properties.maxTextLength());
    this.maxVerticesPerPolygon = maxVerticesPerPolygon;
  }

  CapMessage read(String text) {
    Element alert = xml.parse(text).getDocumentElement();
    if (!CapVocabulary.NAMESPACE.equals(alert.getNamespaceURI())
        || !"alert".equals(alert.getLocalName())) {
      throw new Rejection(Rejection.Kind.MALFORMED, "Malformed CAP message", "The document is "
          + "not a CAP 1.2 alert: expected <alert xmlns=\"" + CapVocabulary.NAMESPACE + "\">");
    }
    Violations violations = new Violations();
    checkElements(alert, ALERT_ELEMENTS, "alert", violations);
    String identifier = required(alert, "identifier", "alert", violations);
    String sender = required(alert, "sender", "alert", violations);
    Instant sent = time(alert, "sent", "alert", true, violations);
    AlertStatus status = status(required(alert, "status", "alert", violations), violations);
    MessageType msgType = msgType(required(alert, "msgType", "alert", violations), violations);
    String scope = required(alert, "scope", "alert", violations);
    if (scope != null && !scope.equals("Public")) {
      violations.add("alert.scope", "is " + scope + "; Tocsin warns the public and sends only "
          + "Public messages");
    }
    List<String> references = references(text(alert, "references", "alert", violations),
        violations);
    if (msgType != null && msgType != MessageType.ALERT && references.isEmpty()) {
      violations.add("alert.references", "are required for an " + msgType);
    }
    String note = text(alert, "note", "alert", violations);
    List<Element> infoElements = children(alert, "info");
    if (infoElements.isEmpty()) {
      violations.add("alert.info", "is missing: a message to citizens needs at least one info");
    }
    List<CapInfo> infos = new ArrayList<>();
    for (int i = 0; i < infoElements.size(); i++) {
      infos.add(info(infoElements.get(i), "alert.info[" + i + "]", violations));
    }
    violations.throwIfAny(DETAIL);
    List<CapWarning> warnings = new ArrayList<>();
    InfoBlocks.Merged merged = InfoBlocks.merge(status, infos, note,
        msgType != MessageType.CANCEL, violations, warnings);
    violations.throwIfAny(DETAIL);
    return new CapMessage(identifier, sender, sent, msgType, merged.content(), references,
        merged.geocodes(), warnings);
  }

  private CapInfo info(Element info, String field, Violations violations) {
    checkElements(info, INFO_ELEMENTS, field, violations);
    String language = text(info, "language", field, violations);
    // CAP: an info without a language is en-US.
    language = language == null ? "en" : language.split("-")[0].toLowerCase(Locale.ROOT);
    List<AlertCategory> categories = new ArrayList<>();
    for (Element category : children(info, "category")) {
      String value = category.getTextContent().trim();
      AlertCategory known = CapVocabulary.fromCap(AlertCategory.class, value);
      if (known == null) {
        violations.add(field + ".category", "'" + shorten(value) + "' is not a CAP 1.2 "
            + "category");
      } else if (!categories.contains(known)) {
        categories.add(known);
      }
    }
    Map<String, String> eventCodes = new LinkedHashMap<>();
    for (Element code : children(info, "eventCode")) {
      String name = text(code, "valueName", field + ".eventCode", violations);
      String value = text(code, "value", field + ".eventCode", violations);
      if (name != null && value != null) {
        eventCodes.putIfAbsent(name, value);
      }
    }
    String certaintyText = text(info, "certainty", field, violations);
    // CAP 1.2 keeps "Very Likely" for compatibility with 1.0, with the meaning of Likely.
    Certainty certainty = "Very Likely".equals(certaintyText) ? Certainty.LIKELY
        : enumValue(Certainty.class, certaintyText, field + ".certainty", violations);
    if (!children(info, "resource").isEmpty()) {
      violations.add(field + ".resource", "attachments cannot be sent by SMS, e-mail or push; "
          + "remove the resource or link it in web");
    }
    String smsText = null;
    List<Channel> channels = null;
    for (Element parameter : children(info, "parameter")) {
      String name = text(parameter, "valueName", field + ".parameter", violations);
      if (properties.smsTextParameter().equals(name)) {
        smsText = text(parameter, "value", field + ".parameter." + name, violations);
      } else if (properties.channelsParameter().equals(name)) {
        String value = text(parameter, "value", field + ".parameter." + name, violations);
        channels = value == null ? null
            : channels(value, field + ".parameter." + name, violations);
      }
    }
    return new CapInfo(field, language, categories, text(info, "event", field, violations),
        eventCodes,
        enumValue(Urgency.class, text(info, "urgency", field, violations), field + ".urgency",
            violations),
        enumValue(Severity.class, text(info, "severity", field, violations),
            field + ".severity", violations),
        certainty,
        time(info, "effective", field, false, violations),
        time(info, "expires", field, false, violations),
        text(info, "senderName", field, violations), text(info, "headline", field, violations),
        text(info, "description", field, violations),
        text(info, "instruction", field, violations), text(info, "web", field, violations),
        smsText, channels, areas(children(info, "area"), field, violations));
  }

  private List<CapInfo.Area> areas(List<Element> areas, String field, Violations violations) {
    List<CapInfo.Area> read = new ArrayList<>();
    for (int a = 0; a < areas.size(); a++) {
      Element area = areas.get(a);
      String areaField = field + ".area[" + a + "]";
      checkElements(area, AREA_ELEMENTS, areaField, violations);
      if (!children(area, "altitude").isEmpty() || !children(area, "ceiling").isEmpty()) {
        violations.add(areaField, "has an altitude or ceiling; Tocsin targets ground areas only");
      }
      List<String> zoneIds = new ArrayList<>();
      List<CapInfo.Geocode> geocodes = new ArrayList<>();
      List<Element> geocodeElements = children(area, "geocode");
      for (int g = 0; g < geocodeElements.size(); g++) {
        String geocodeField = areaField + ".geocode[" + g + "]";
        String name = text(geocodeElements.get(g), "valueName", geocodeField, violations);
        String value = text(geocodeElements.get(g), "value", geocodeField, violations);
        if (value == null) {
          violations.add(geocodeField + ".value", "is missing");
        } else if (properties.zoneGeocode().equals(name)) {
          zoneIds.add(value);
        } else {
          geocodes.add(new CapInfo.Geocode(geocodeField, name, value));
        }
      }
      List<DrawnPolygon> polygons = new ArrayList<>();
      List<Element> polygonElements = children(area, "polygon");
      for (int p = 0; p < polygonElements.size(); p++) {
        DrawnPolygon polygon = polygon(polygonElements.get(p).getTextContent(),
            areaField + ".polygon[" + p + "]", violations);
        if (polygon != null) {
          polygons.add(polygon);
        }
      }
      List<DrawnCircle> circles = new ArrayList<>();
      List<Element> circleElements = children(area, "circle");
      for (int c = 0; c < circleElements.size(); c++) {
        DrawnCircle circle = circle(circleElements.get(c).getTextContent(),
            areaField + ".circle[" + c + "]", violations);
        if (circle != null) {
          circles.add(circle);
        }
      }
      read.add(new CapInfo.Area(areaField, text(area, "areaDesc", areaField, violations),
          polygons, circles, zoneIds, geocodes));
    }
    return read;
  }

  private DrawnPolygon polygon(String text, String field, Violations violations) {
    String trimmed = text.strip();
    int pairs = trimmed.isEmpty() ? 0 : 1;
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isWhitespace(trimmed.charAt(i))
          && !Character.isWhitespace(trimmed.charAt(i - 1))) {
        pairs++;
      }
    }
    if (pairs > maxVerticesPerPolygon) {
      violations.add(field, "has " + pairs + " pairs; at most " + maxVerticesPerPolygon
          + " vertices per polygon");
      return null;
    }
    if (pairs < 4) {
      violations.add(field, "has " + pairs + " pairs; a CAP polygon needs at least 4, the "
          + "first repeated last");
      return null;
    }
    List<LatLon> ring = new ArrayList<>(pairs);
    for (String pair : trimmed.split("\\s+")) {
      LatLon position = CapNumbers.position(pair);
      if (position == null) {
        violations.add(field, "'" + shorten(pair) + "' is not a WGS 84 pair latitude,longitude "
            + "of decimal degrees within range, such as 50.8503,4.3517");
        return null;
      }
      ring.add(position);
    }
    return new DrawnPolygon(ring);
  }

  private static DrawnCircle circle(String text, String field, Violations violations) {
    String[] parts = text.strip().split("\\s+", 3);
    LatLon centre = parts.length == 2 ? CapNumbers.position(parts[0]) : null;
    if (centre == null) {
      violations.add(field, "'" + shorten(text.strip()) + "' is not a CAP circle 'latitude,"
          + "longitude radius-in-km' with a centre of decimal degrees within range");
      return null;
    }
    Double kilometres = CapNumbers.decimal(parts[1]);
    if (kilometres == null) {
      violations.add(field, "has radius '" + shorten(parts[1]) + "', which is not a decimal "
          + "number of kilometres of at most " + CapNumbers.MAX_DECIMAL_LENGTH + " characters "
          + "(such as 2.5)");
      return null;
    }
    return new DrawnCircle(centre, kilometres * 1000);
  }

  private static List<Channel> channels(String value, String field, Violations violations) {
    List<Channel> channels = new ArrayList<>();
    for (String name : value.trim().split("[\\s,]+")) {
      Channel channel = CapVocabulary.fromCap(Channel.class, name);
      if (channel == null) {
        violations.add(field, "'" + shorten(name) + "' is not a channel: SMS, EMAIL or PUSH");
      } else if (!channels.contains(channel)) {
        channels.add(channel);
      }
    }
    return channels;
  }

  private static AlertStatus status(String value, Violations violations) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "Actual" -> AlertStatus.ACTUAL;
      case "Exercise" -> AlertStatus.EXERCISE;
      case "Test" -> AlertStatus.TEST;
      case "System" -> {
        violations.add("alert.status", "System messages are internal and not sent to citizens");
        yield null;
      }
      case "Draft" -> {
        violations.add("alert.status", "Draft is not actionable; send Actual, Exercise or Test "
            + "(it becomes a Tocsin draft until issued)");
        yield null;
      }
      default -> {
        violations.add("alert.status", "'" + shorten(value) + "' is not a CAP 1.2 status");
        yield null;
      }
    };
  }

  private static MessageType msgType(String value, Violations violations) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "Alert" -> MessageType.ALERT;
      case "Update" -> MessageType.UPDATE;
      case "Cancel" -> MessageType.CANCEL;
      case "Ack", "Error" -> {
        violations.add("alert.msgType", value + " messages answer other systems; they are not "
            + "alerts");
        yield null;
      }
      default -> {
        violations.add("alert.msgType", "'" + shorten(value) + "' is not a CAP 1.2 msgType");
        yield null;
      }
    };
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field,
                                                 Violations violations) {
    if (value == null) {
      return null;
    }
    E constant = CapVocabulary.fromCap(type, value);
    if (constant == null) {
      violations.add(field, "'" + shorten(value) + "' is not a CAP 1.2 "
          + type.getSimpleName().toLowerCase(Locale.ROOT));
    }
    return constant;
  }

  private static List<String> references(String text, Violations violations) {
    List<String> identifiers = new ArrayList<>();
    if (text == null) {
      return identifiers;
    }
    for (String reference : text.split("\\s+")) {
      String[] parts = reference.split(",", -1);
      if (parts.length != 3 || parts[1].isEmpty()) {
        violations.add("alert.references", "'" + shorten(reference)
            + "' is not sender,identifier,sent");
      } else {
        identifiers.add(parts[1]);
      }
    }
    return identifiers;
  }

  private static Instant time(Element parent, String name, String field, boolean required,
                              Violations violations) {
    String text = text(parent, name, field, violations);
    if (text == null) {
      if (required) {
        violations.add(field + "." + name, "is missing");
      }
      return null;
    }
    if (text.endsWith("Z")) {
      violations.add(field + "." + name, "uses 'Z'; CAP 1.2 writes UTC as -00:00");
      return null;
    }
    Instant instant = CapNumbers.dateTime(text);
    if (instant == null) {
      violations.add(field + "." + name, "'" + shorten(text) + "' is not a CAP date-time such "
          + "as 2026-05-24T16:49:00+02:00");
    }
    return instant;
  }

  private static void checkElements(Element parent, Set<String> known, String field,
                                    Violations violations) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (!CapVocabulary.NAMESPACE.equals(element.getNamespaceURI())
            || !known.contains(element.getLocalName())) {
          violations.add(field, "has <" + shorten(element.getNodeName()) + ">, which is not a "
              + "CAP 1.2 element here");
        }
      }
    }
  }

  private static String required(Element parent, String name, String field,
                                 Violations violations) {
    String value = text(parent, name, field, violations);
    if (value == null) {
      violations.add(field + "." + name, "is missing");
    }
    return value;
  }

  /** The trimmed text of the first such child, or null; an unsafe character is a violation. */
  private static String text(Element parent, String name, String field, Violations violations) {
    List<Element> elements = children(parent, name);
    if (elements.isEmpty()) {
      return null;
    }
    String text = elements.get(0).getTextContent().strip();
    if (text.isEmpty()) {
      return null;
    }
    String problem = UnsafeCharacters.problem(text).orElse(null);
    if (problem != null) {
      violations.add(field + "." + name, problem);
      return null;
    }
    return text;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName())
          && CapVocabulary.NAMESPACE.equals(element.getNamespaceURI())) {
        children.add(element);
      }
    }
    return children;
  }

  /** A value quoted in a reason, cut so that an answer never echoes a whole body. */
  static String shorten(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }
}
