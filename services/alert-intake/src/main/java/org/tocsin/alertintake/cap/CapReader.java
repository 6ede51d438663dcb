package org.tocsin.alertintake.cap;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads a CAP 1.2 message into Tocsin's model. The parser refuses any DOCTYPE, so external
 * entities (XXE) and entity expansion cannot happen. What Tocsin cannot honour is refused with
 * the reason: a non-public scope, attachments, altitudes, unknown geocodes, info blocks that
 * disagree on what Tocsin keeps once per alert (categories, urgency, severity, certainty,
 * times, channels, area). Informational elements that change nothing
 * for the recipients (source, code, incidents, responseType, audience, eventCode, onset,
 * contact, other parameters) are accepted and not kept.
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

  private final CapProperties properties;

  CapReader(CapProperties properties) {
    this.properties = properties;
  }

  CapMessage read(String xml) {
    Element alert = parse(xml).getDocumentElement();
    if (!CapVocabulary.NAMESPACE.equals(alert.getNamespaceURI())
        || !"alert".equals(alert.getLocalName())) {
      throw malformed("The document is not a CAP 1.2 alert: expected <alert xmlns=\""
          + CapVocabulary.NAMESPACE + "\">");
    }
    Violations violations = new Violations();
    checkElements(alert, ALERT_ELEMENTS, "alert", violations);
    String identifier = required(alert, "identifier", "alert", violations);
    String sender = required(alert, "sender", "alert", violations);
    Instant sent = time(text(alert, "sent"), "alert.sent", true, violations);
    AlertStatus status = status(required(alert, "status", "alert", violations), violations);
    MessageType msgType = msgType(required(alert, "msgType", "alert", violations), violations);
    String scope = required(alert, "scope", "alert", violations);
    if (scope != null && !scope.equals("Public")) {
      violations.add("alert.scope", "is " + scope + "; Tocsin warns the public and sends only "
          + "Public messages");
    }
    List<String> references = references(text(alert, "references"), violations);
    if (msgType != null && msgType != MessageType.ALERT && references.isEmpty()) {
      violations.add("alert.references", "are required for an " + msgType);
    }
    List<Element> infoElements = children(alert, "info");
    if (infoElements.isEmpty()) {
      violations.add("alert.info", "is missing: a message to citizens needs at least one info");
    }
    List<Info> infos = new ArrayList<>();
    for (int i = 0; i < infoElements.size(); i++) {
      infos.add(info(infoElements.get(i), "alert.info[" + i + "]", violations));
    }
    violations.throwIfAny("The CAP message cannot be mapped onto a Tocsin alert");
    AlertContent content = merge(status, infos, text(alert, "note"), violations);
    violations.throwIfAny("The CAP message cannot be mapped onto a Tocsin alert");
    return new CapMessage(identifier, sender, sent, msgType, content, references);
  }

  /** One info block as read, before the blocks are merged into one alert. */
  private record Info(InfoText text, List<AlertCategory> categories, String event,
                      Urgency urgency, Severity severity, Certainty certainty,
                      Instant effective, Instant expires, List<Channel> channels,
                      AreaSpec area) {
  }

  private Info info(Element info, String field, Violations violations) {
    checkElements(info, INFO_ELEMENTS, field, violations);
    String language = text(info, "language");
    language = language == null ? "en" : language.split("-")[0].toLowerCase(Locale.ROOT);
    List<AlertCategory> categories = new ArrayList<>();
    for (Element category : children(info, "category")) {
      AlertCategory value = CapVocabulary.fromCap(AlertCategory.class, category.getTextContent());
      if (value == null) {
        violations.add(field + ".category", "'" + category.getTextContent().trim()
            + "' is not a CAP 1.2 category");
      } else {
        categories.add(value);
      }
    }
    String event = required(info, "event", field, violations);
    Urgency urgency = enumValue(Urgency.class, required(info, "urgency", field, violations),
        field + ".urgency", violations);
    Severity severity = enumValue(Severity.class, required(info, "severity", field, violations),
        field + ".severity", violations);
    String certaintyText = required(info, "certainty", field, violations);
    // CAP 1.2 keeps "Very Likely" for compatibility with 1.0, with the meaning of Likely.
    Certainty certainty = "Very Likely".equals(certaintyText) ? Certainty.LIKELY
        : enumValue(Certainty.class, certaintyText, field + ".certainty", violations);
    Instant effective = time(text(info, "effective"), field + ".effective", false, violations);
    Instant expires = time(text(info, "expires"), field + ".expires", false, violations);
    if (!children(info, "resource").isEmpty()) {
      violations.add(field + ".resource", "attachments cannot be sent by SMS, e-mail or push; "
          + "remove the resource or link it in web");
    }
    String smsText = null;
    List<Channel> channels = List.of();
    for (Element parameter : children(info, "parameter")) {
      String name = text(parameter, "valueName");
      String value = text(parameter, "value");
      if (properties.smsTextParameter().equals(name)) {
        smsText = value;
      } else if (properties.channelsParameter().equals(name) && value != null) {
        channels = channels(value, field + ".parameter." + name, violations);
      }
    }
    String headline = text(info, "headline");
    InfoText text = new InfoText(language, text(info, "senderName"), headline,
        text(info, "description"), text(info, "instruction"),
        smsText != null ? smsText : headline, text(info, "web"));
    return new Info(text, categories, event, urgency, severity, certainty, effective, expires,
        channels, area(children(info, "area"), field, violations));
  }

  private AreaSpec area(List<Element> areas, String field, Violations violations) {
    if (areas.isEmpty()) {
      violations.add(field + ".area", "is missing: Tocsin sends alerts to an area");
      return null;
    }
    String description = null;
    List<String> zoneDescriptions = new ArrayList<>();
    List<DrawnPolygon> polygons = new ArrayList<>();
    List<DrawnCircle> circles = new ArrayList<>();
    List<String> zoneIds = new ArrayList<>();
    for (int a = 0; a < areas.size(); a++) {
      Element area = areas.get(a);
      String areaField = field + ".area[" + a + "]";
      checkElements(area, AREA_ELEMENTS, areaField, violations);
      if (!children(area, "altitude").isEmpty() || !children(area, "ceiling").isEmpty()) {
        violations.add(areaField, "has an altitude or ceiling; Tocsin targets ground areas only");
      }
      List<String> zones = new ArrayList<>();
      for (Element geocode : children(area, "geocode")) {
        String name = text(geocode, "valueName");
        String value = text(geocode, "value");
        if (properties.zoneGeocode().equals(name) && value != null) {
          zones.add(value);
        } else {
          violations.add(areaField + ".geocode", "'" + name + "' is not understood: only "
              + properties.zoneGeocode() + " geocodes, naming zones of the catalogue, are");
        }
      }
      String areaDesc = text(area, "areaDesc");
      if (!zones.isEmpty()) {
        // A zone block: the catalogue's geometry of the zone counts, not the polygons sent.
        zoneIds.addAll(zones);
        zoneDescriptions.add(areaDesc);
        continue;
      }
      if (description == null) {
        description = areaDesc;
      }
      List<Element> polygonElements = children(area, "polygon");
      for (int p = 0; p < polygonElements.size(); p++) {
        DrawnPolygon polygon = polygon(polygonElements.get(p).getTextContent(),
            areaField + ".polygon[" + p + "]", violations);
        if (polygon != null) {
          polygons.add(polygon);
        }
      }
      List<Element> circleElements = children(area, "circle");
      for (int c = 0; c < circleElements.size(); c++) {
        DrawnCircle circle = circle(circleElements.get(c).getTextContent(),
            areaField + ".circle[" + c + "]", violations);
        if (circle != null) {
          circles.add(circle);
        }
      }
    }
    if (description == null) {
      description = String.join(", ", zoneDescriptions.stream().filter(Objects::nonNull)
          .toList());
    }
    return new AreaSpec(description, polygons, circles, zoneIds);
  }

  private static DrawnPolygon polygon(String text, String field, Violations violations) {
    List<LatLon> ring = new ArrayList<>();
    for (String pair : text.trim().split("\\s+")) {
      LatLon position = position(pair);
      if (position == null) {
        violations.add(field, "'" + pair + "' is not a WGS 84 pair latitude,longitude");
        return null;
      }
      ring.add(position);
    }
    return new DrawnPolygon(ring);
  }

  private static DrawnCircle circle(String text, String field, Violations violations) {
    String[] parts = text.trim().split("\\s+");
    LatLon centre = parts.length == 2 ? position(parts[0]) : null;
    if (centre == null) {
      violations.add(field, "'" + text.trim() + "' is not a CAP circle 'latitude,longitude "
          + "radius-in-km'");
      return null;
    }
    try {
      double metres = new BigDecimal(parts[1]).movePointRight(3).doubleValue();
      return new DrawnCircle(centre, metres);
    } catch (NumberFormatException e) {
      violations.add(field, "has radius '" + parts[1] + "', which is not a number of kilometres");
      return null;
    }
  }

  private static LatLon position(String pair) {
    String[] parts = pair.split(",");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new LatLon(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Tocsin keeps these once per alert: every info block must agree on them, except on the
   * words (event, area description), taken from the first, the default language.
   */
  private static AlertContent merge(AlertStatus status, List<Info> infos, String note,
                                    Violations violations) {
    Info first = infos.get(0);
    Set<String> languages = new LinkedHashSet<>();
    for (int i = 0; i < infos.size(); i++) {
      Info info = infos.get(i);
      String field = "alert.info[" + i + "]";
      if (!languages.add(info.text().language())) {
        violations.add(field + ".language", "'" + info.text().language() + "' has two info "
            + "blocks");
      }
      same(first.categories(), info.categories(), field + ".category", violations);
      same(first.urgency(), info.urgency(), field + ".urgency", violations);
      same(first.severity(), info.severity(), field + ".severity", violations);
      same(first.certainty(), info.certainty(), field + ".certainty", violations);
      same(first.effective(), info.effective(), field + ".effective", violations);
      same(first.expires(), info.expires(), field + ".expires", violations);
      same(first.channels(), info.channels(), field + ".parameter", violations);
      same(shape(first.area()), shape(info.area()), field + ".area", violations);
    }
    return new AlertContent(status, first.categories(), first.event(), first.urgency(),
        first.severity(), first.certainty(), first.effective(), first.expires(),
        infos.stream().map(Info::text).toList(), first.area(), first.channels(), note);
  }

  /** An area without its description, which each language may word its own way. */
  private static AreaSpec shape(AreaSpec area) {
    return area == null ? null
        : new AreaSpec(null, area.polygons(), area.circles(), area.zoneIds());
  }

  private static void same(Object first, Object other, String field, Violations violations) {
    if (!Objects.equals(first, other)) {
      violations.add(field, "differs from the first info block's; Tocsin keeps one value for "
          + "every language");
    }
  }

  private static List<Channel> channels(String value, String field, Violations violations) {
    List<Channel> channels = new ArrayList<>();
    for (String name : value.trim().split("[\\s,]+")) {
      Channel channel = CapVocabulary.fromCap(Channel.class, name);
      if (channel == null) {
        violations.add(field, "'" + name + "' is not a channel: SMS, EMAIL or PUSH");
      } else {
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
        violations.add("alert.status", "'" + value + "' is not a CAP 1.2 status");
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
        violations.add("alert.msgType", "'" + value + "' is not a CAP 1.2 msgType");
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
      violations.add(field, "'" + value + "' is not a CAP 1.2 " + type.getSimpleName()
          .toLowerCase(Locale.ROOT));
    }
    return constant;
  }

  private static List<String> references(String text, Violations violations) {
    List<String> identifiers = new ArrayList<>();
    if (text == null) {
      return identifiers;
    }
    for (String reference : text.trim().split("\\s+")) {
      String[] parts = reference.split(",");
      if (parts.length != 3) {
        violations.add("alert.references", "'" + reference + "' is not sender,identifier,sent");
      } else {
        identifiers.add(parts[1]);
      }
    }
    return identifiers;
  }

  private static Instant time(String text, String field, boolean required,
                              Violations violations) {
    if (text == null) {
      if (required) {
        violations.add(field, "is missing");
      }
      return null;
    }
    if (text.endsWith("Z")) {
      violations.add(field, "uses 'Z'; CAP 1.2 writes UTC as -00:00");
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      violations.add(field, "'" + text + "' is not a CAP date-time such as "
          + "2026-05-24T16:49:00+02:00");
      return null;
    }
  }

  private static void checkElements(Element parent, Set<String> known, String field,
                                    Violations violations) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (!CapVocabulary.NAMESPACE.equals(element.getNamespaceURI())
            || !known.contains(element.getLocalName())) {
          violations.add(field, "has <" + element.getNodeName() + ">, which is not a CAP 1.2 "
              + "element here");
        }
      }
    }
  }

  private static String required(Element parent, String name, String field,
                                 Violations violations) {
    String value = text(parent, name);
    if (value == null) {
      violations.add(field + "." + name, "is missing");
    }
    return value;
  }

  private static String text(Element parent, String name) {
    List<Element> elements = children(parent, name);
    if (elements.isEmpty()) {
      return null;
    }
    String text = elements.get(0).getTextContent().trim();
    return text.isEmpty() ? null : text;
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

  private static Document parse(String xml) {
    try {
      DocumentBuilder builder = secureFactory().newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException e) {
      String reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
          ? "DOCTYPE declarations are refused (no external entities, no entity expansion)"
          : "not well-formed XML: " + e.getMessage();
      throw malformed("The CAP message cannot be read: " + reason);
    } catch (IOException | ParserConfigurationException e) {
      throw malformed("The CAP message cannot be read: " + e.getMessage());
    }
  }

  static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  private static Rejection malformed(String detail) {
    return new Rejection(Rejection.Kind.MALFORMED, "Malformed CAP message", detail);
  }
}
