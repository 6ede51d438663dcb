package org.tocsin.alertintake.cap;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.AlertService;
import org.tocsin.alertintake.alert.AlertVersion;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.geometry.Geometries;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.zone.Zone;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Channel;

/**
 * Writes a message of an alert as CAP 1.2. Each info block repeats the area: a first
 * {@code <area>} with the description and the drawn polygons and circles, then one per named
 * zone with its name, its outline (so that a partner without Tocsin's catalogue can place it)
 * and a geocode naming it. The SMS text and the channels travel as parameters.
 */
final class CapWriter {

  private final CapProperties properties;
  private final DateTimeFormatter times;

  CapWriter(CapProperties properties) {
    this.properties = properties;
    this.times = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
        .withZone(properties.timeZone());
  }

  /**
   * @param zones the catalogue's zone of an id, if it still exists
   */
  String write(AlertService.Message message, Function<String, Optional<Zone>> zones) {
    AlertVersion version = message.version();
    AlertContent content = version.content();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.setDefaultNamespace(CapVocabulary.NAMESPACE);
      xml.writeStartElement(CapVocabulary.NAMESPACE, "alert");
      xml.writeDefaultNamespace(CapVocabulary.NAMESPACE);
      element(xml, 1, "identifier", version.identifier());
      element(xml, 1, "sender", version.sender());
      element(xml, 1, "sent", time(version.sent()));
      element(xml, 1, "status", CapVocabulary.toCap(content.status()));
      element(xml, 1, "msgType", CapVocabulary.toCap(version.msgType()));
      element(xml, 1, "scope", "Public");
      element(xml, 1, "note", content.note());
      if (!message.earlier().isEmpty()) {
        element(xml, 1, "references", message.earlier().stream()
            .map(e -> e.sender() + "," + e.identifier() + "," + time(e.sent()))
            .collect(Collectors.joining(" ")));
      }
      for (InfoText info : content.infos()) {
        info(xml, content, info, zones);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write CAP", e);
    }
    return out.append('\n').toString();
  }

  private void info(XMLStreamWriter xml, AlertContent content, InfoText info,
                    Function<String, Optional<Zone>> zones) throws XMLStreamException {
    start(xml, 1, "info");
    element(xml, 2, "language", info.language());
    for (AlertCategory category : content.categories()) {
      element(xml, 2, "category", CapVocabulary.toCap(category));
    }
    element(xml, 2, "event", content.event());
    element(xml, 2, "urgency", CapVocabulary.toCap(content.urgency()));
    element(xml, 2, "severity", CapVocabulary.toCap(content.severity()));
    element(xml, 2, "certainty", CapVocabulary.toCap(content.certainty()));
    element(xml, 2, "effective", time(content.effective()));
    element(xml, 2, "expires", time(content.expires()));
    element(xml, 2, "senderName", info.senderName());
    element(xml, 2, "headline", info.headline());
    element(xml, 2, "description", info.description());
    element(xml, 2, "instruction", info.instruction());
    element(xml, 2, "web", info.web());
    parameter(xml, properties.smsTextParameter(), info.smsText());
    parameter(xml, properties.channelsParameter(), content.channels().stream()
        .map(Channel::name).collect(Collectors.joining(" ")));
    AreaSpec area = content.area();
    start(xml, 2, "area");
    element(xml, 3, "areaDesc", area.description());
    for (DrawnPolygon polygon : area.polygons()) {
      element(xml, 3, "polygon", ring(polygon.ring()));
    }
    for (DrawnCircle circle : area.circles()) {
      element(xml, 3, "circle", circle.centre().lat() + "," + circle.centre().lon() + " "
          + BigDecimal.valueOf(circle.radiusMetres()).movePointLeft(3).stripTrailingZeros()
          .toPlainString());
    }
    end(xml, 2);
    for (String zoneId : area.zoneIds()) {
      Optional<Zone> zone = zones.apply(zoneId);
      start(xml, 2, "area");
      element(xml, 3, "areaDesc", zone.map(z -> z.name(info.language())).orElse(zoneId));
      if (zone.isPresent()) {
        for (Polygon polygon : Geometries.polygonsOf(zone.get().geometry())) {
          element(xml, 3, "polygon", ring(Geometries.positions(polygon.getExteriorRing())));
        }
      }
      start(xml, 3, "geocode");
      element(xml, 4, "valueName", properties.zoneGeocode());
      element(xml, 4, "value", zoneId);
      end(xml, 3);
      end(xml, 2);
    }
    end(xml, 1);
  }

  private static String ring(List<LatLon> positions) {
    return positions.stream().map(p -> p.lat() + "," + p.lon())
        .collect(Collectors.joining(" "));
  }

  private void parameter(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    start(xml, 2, "parameter");
    element(xml, 3, "valueName", name);
    element(xml, 3, "value", value);
    end(xml, 2);
  }

  private String time(Instant instant) {
    String text = times.format(instant);
    // CAP 1.2: UTC is written -00:00, never Z or +00:00.
    return text.endsWith("+00:00") ? text.substring(0, text.length() - 6) + "-00:00" : text;
  }

  private static void element(XMLStreamWriter xml, int depth, String name, String value)
      throws XMLStreamException {
    if (value == null) {
      return;
    }
    indent(xml, depth);
    xml.writeStartElement(CapVocabulary.NAMESPACE, name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void start(XMLStreamWriter xml, int depth, String name)
      throws XMLStreamException {
    indent(xml, depth);
    xml.writeStartElement(CapVocabulary.NAMESPACE, name);
  }

  private static void end(XMLStreamWriter xml, int depth) throws XMLStreamException {
    indent(xml, depth);
    xml.writeEndElement();
  }

  private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }
}
