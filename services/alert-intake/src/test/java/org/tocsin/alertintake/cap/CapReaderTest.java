package org.tocsin.alertintake.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.AlertService;
import org.tocsin.alertintake.alert.AlertVersion;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.area.DrawnCircle;
import org.tocsin.alertintake.area.DrawnPolygon;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

class CapReaderTest {

  private static final CapProperties PROPERTIES = CapProperties.defaults();
  private final CapReader reader = new CapReader(PROPERTIES, 20_000);

  @Test
  void refusesExternalEntities() {
    assertThatThrownBy(() -> reader.read("""
        <?xml version="1.0"?>
        <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>
        """))
        .isInstanceOf(Rejection.class)
        .satisfies(e -> assertThat(((Rejection) e).kind()).isEqualTo(Rejection.Kind.MALFORMED))
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesEntityExpansion() {
    assertThatThrownBy(() -> reader.read("""
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&lol3;</note></alert>
        """)).hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesWhatTocsinCannotHonourWithTheReason() {
    String restricted = message().replace("<scope>Public</scope>",
        "<scope>Restricted</scope><restriction>Police only</restriction>");
    assertThatThrownBy(() -> reader.read(restricted)).satisfies(e ->
        assertThat(((Rejection) e).violations()).anySatisfy(v -> {
          assertThat(v.field()).isEqualTo("alert.scope");
          assertThat(v.reason()).contains("Public");
        }));
    String withResource = message().replace("<area>", "<resource><resourceDesc>map"
        + "</resourceDesc><mimeType>image/png</mimeType></resource><area>");
    assertThatThrownBy(() -> reader.read(withResource)).satisfies(e ->
        assertThat(((Rejection) e).violations()).anySatisfy(v ->
            assertThat(v.field()).isEqualTo("alert.info[0].resource")));
    String altitude = message().replace("</areaDesc>", "</areaDesc><altitude>100</altitude>");
    assertThatThrownBy(() -> reader.read(altitude)).satisfies(e ->
        assertThat(((Rejection) e).violations()).anySatisfy(v ->
            assertThat(v.reason()).contains("ground areas only")));
    String zulu = message().replace("+02:00</sent>", "Z</sent>");
    assertThatThrownBy(() -> reader.read(zulu)).satisfies(e ->
        assertThat(((Rejection) e).violations()).anySatisfy(v ->
            assertThat(v.reason()).contains("-00:00")));
    String ack = message().replace("<msgType>Alert</msgType>", "<msgType>Ack</msgType>");
    assertThatThrownBy(() -> reader.read(ack)).isInstanceOf(Rejection.class);
  }

  @Test
  void whatTheWriterWritesTheReaderReadsBack() {
    AlertContent content = new AlertContent(AlertStatus.TEST, List.of(AlertCategory.MET,
        AlertCategory.SAFETY), "Storm", Urgency.EXPECTED, Severity.MODERATE, Certainty.LIKELY,
        Instant.parse("2026-05-24T10:00:00Z"), Instant.parse("2026-05-24T16:00:00Z"),
        List.of(new InfoText("nl", "KMI", "[TEST] Storm", "[TEST] Zware wind", null,
                "[TEST] Storm, blijf binnen", "https://www.meteo.be"),
            new InfoText("fr", "IRM", "[TEST] Tempête", "[TEST] Vent violent",
                "Restez chez vous", "[TEST] Tempête", "https://www.meteo.be/fr")),
        new AreaSpec("Kust", List.of(new DrawnPolygon(List.of(new LatLon(51.1, 2.5),
            new LatLon(51.1, 3.0), new LatLon(51.4, 3.0), new LatLon(51.1, 2.5)))),
            List.of(new DrawnCircle(new LatLon(51.23, 2.92), 12_345.5)), List.of("BE-38014")),
        List.of(Channel.SMS, Channel.PUSH), "Jaarlijkse test");
    AlertVersion version = new AlertVersion(UUID.randomUUID(), 1, "TOCSIN-x-1", "tocsin.invalid",
        MessageType.ALERT, Instant.parse("2026-05-24T10:00:00Z"), "olivia", null, content, null);
    String xml = new CapWriter(PROPERTIES).write(new AlertService.Message(version, List.of()),
        id -> Optional.empty());

    CapSchema.assertValid(xml);
    CapMessage read = reader.read(xml);
    assertThat(read.identifier()).isEqualTo("TOCSIN-x-1");
    assertThat(read.sent()).isEqualTo(version.sent());
    assertThat(read.msgType()).isEqualTo(MessageType.ALERT);
    assertThat(read.content()).isEqualTo(content);
    assertThat(xml).contains("<sent>2026-05-24T12:00:00+02:00</sent>");
  }

  private static String message() {
    return """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>BE-1</identifier><sender>crisiscenter.be</sender>
          <sent>2026-05-24T12:00:00+02:00</sent><status>Actual</status>
          <msgType>Alert</msgType><scope>Public</scope>
          <info>
            <language>nl-BE</language><category>Fire</category><event>Brand</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            <headline>Brand</headline><description>Rook</description>
            <area><areaDesc>Brussel</areaDesc>
              <geocode><valueName>TOCSIN_ZONE</valueName><value>BE-21004</value></geocode></area>
          </info>
        </alert>""";
  }
}
