package org.tocsin.alertintake.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.alert.AlertContent;
import org.tocsin.alertintake.alert.InfoText;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * CAP as other systems write it (Belgian authorities' messages of {@code cap/be/}), mapped by
 * the most protective reading: one test per rule.
 */
class CapVariantsTest {

  private static final String SENT = "2026-08-15T14:05:00+02:00";
  private static final String EXPIRES = "2026-08-15T20:00:00+02:00";
  private static final String EXPIRES_LATER = "2026-08-16T02:00:00+02:00";
  /** The zones' NIS codes: the arrondissements of Antwerp, Liège and Verviers. */
  private static final Map<String, String> NIS = Map.of("11000", "BE-NIS-11000",
      "62000", "BE-NIS-62000", "63000", "BE-NIS-63000");

  private final CapReader reader = new CapReader(CapProperties.defaults(), 20_000);
  private final CapGeocodes geocodes = new CapGeocodes(CapProperties.defaults(),
      (scheme, codes) -> scheme.equals("NIS") ? Map.copyOf(codes.stream()
          .filter(NIS::containsKey).distinct()
          .collect(java.util.stream.Collectors.toMap(c -> c, NIS::get))) : Map.of());

  @Test
  void laterBlocksLeavingOutOptionalElementsTakeThemFromTheOthers() {
    CapMessage message = read("nccn-antwerp-port-fire.xml");
    AlertContent content = message.content();
    assertThat(content.categories()).as("categories of all blocks united")
        .containsExactly(AlertCategory.FIRE, AlertCategory.CBRNE);
    assertThat(content.expires()).as("the first block's expires, which the others leave out")
        .isEqualTo(Instant.parse("2026-08-15T18:00:00Z"));
    assertThat(content.effective()).isEqualTo(Instant.parse("2026-08-15T12:05:00Z"));
    assertThat(content.event()).isEqualTo("Brand in chemisch bedrijf");
    assertThat(content.infos()).extracting(InfoText::language)
        .containsExactly("nl", "fr", "de", "en");
    InfoText german = content.infos().get(2);
    assertThat(german.senderName()).as("taken from the first block that has one")
        .isEqualTo("Nationaal Crisiscentrum");
    assertThat(german.web()).isEqualTo("https://www.crisiscentrum.be");
    assertThat(german.instruction()).as("texts stay in their language")
        .isEqualTo("Bleiben Sie drinnen, schließen Sie Fenster und Türen.");
  }

  @Test
  void aMissingDescriptionIsTheHeadline() {
    CapMessage message = read("nccn-antwerp-port-fire.xml");
    InfoText french = message.content().infos().get(1);
    assertThat(french.description()).isEqualTo(french.headline())
        .isEqualTo("Incendie dans le port d'Anvers : restez à l'intérieur");
    assertThat(french.smsText()).as("no SMS parameter: the headline").isEqualTo(
        french.headline());
    assertThat(message.warnings()).contains(new CapWarning("alert.info[1].description",
        "is missing; the headline is the description"));
  }

  @Test
  void theAreasOfAllBlocksAreUnitedAndNisGeocodesResolveToZones() {
    CapMessage message = geocodes.resolve(read("nccn-antwerp-port-fire.xml"));
    assertThat(message.content().area().zoneIds()).containsExactly("BE-NIS-11000");
    assertThat(message.content().area().circles()).singleElement()
        .satisfies(c -> assertThat(c.radiusMetres()).isEqualTo(5000.0));
    assertThat(message.content().area().description())
        .isEqualTo("Arrondissement Antwerpen, 5 km rond het bedrijf");

    CapMessage gent = read("gent-municipal-gas-leak.xml");
    assertThat(gent.content().area().polygons()).as("blocks without area take the others'")
        .hasSize(1);
  }

  @Test
  void insGeocodesAreNisCodesAndResolveToo() {
    CapMessage message = geocodes.resolve(read("liege-province-flood.xml"));
    assertThat(message.content().area().zoneIds())
        .containsExactly("BE-NIS-62000", "BE-NIS-63000");
    assertThat(message.content().area().polygons()).isEmpty();
  }

  @Test
  void whereBlocksDifferTheMostProtectiveValueIsKeptAndEachChoiceIsAWarning() {
    CapMessage message = read("liege-province-flood.xml");
    AlertContent content = message.content();
    assertThat(content.severity()).isEqualTo(Severity.EXTREME);
    assertThat(content.urgency()).isEqualTo(Urgency.IMMEDIATE);
    assertThat(content.certainty()).isEqualTo(Certainty.OBSERVED);
    assertThat(content.expires()).as("the latest")
        .isEqualTo(Instant.parse("2026-08-16T00:00:00Z"));
    assertThat(content.channels()).as("every channel any block asks for")
        .containsExactly(Channel.SMS, Channel.EMAIL, Channel.PUSH);
    assertThat(content.categories()).containsExactly(AlertCategory.MET, AlertCategory.GEO);
    assertThat(message.warnings()).extracting(CapWarning::field).contains(
        "alert.info.severity", "alert.info.urgency", "alert.info.certainty",
        "alert.info.expires");
    assertThat(message.warnings()).anySatisfy(w -> {
      assertThat(w.field()).isEqualTo("alert.info.severity");
      assertThat(w.reason()).isEqualTo("differs between the info blocks (Severe, Extreme); "
          + "the highest, Extreme, is kept");
    });
    assertThat(message.warnings()).anySatisfy(w ->
        assertThat(w.reason()).contains("the latest, 2026-08-16T00:00:00Z, is kept"));
  }

  @Test
  void theEarliestEffectiveIsKept() {
    String xml = load("liege-province-flood.xml").replace("<expires>" + EXPIRES_LATER,
        "<effective>2026-08-15T13:00:00+02:00</effective><expires>" + EXPIRES_LATER);
    CapMessage message = reader.read(xml);
    assertThat(message.content().effective()).isEqualTo(Instant.parse("2026-08-15T11:00:00Z"));
    assertThat(message.warnings()).anySatisfy(w -> {
      assertThat(w.field()).isEqualTo("alert.info.effective");
      assertThat(w.reason()).contains("the earliest, 2026-08-15T11:00:00Z");
    });
  }

  @Test
  void aGeocodeNotUnderstoodIsIgnoredWithAWarningWhenTheAreaHasAPolygon() {
    CapMessage message = geocodes.resolve(read("gent-municipal-gas-leak.xml"));
    assertThat(message.content().area().zoneIds()).isEmpty();
    assertThat(message.content().area().polygons()).hasSize(1);
    assertThat(message.warnings()).anySatisfy(w -> {
      assertThat(w.field()).isEqualTo("alert.info[0].area[0].geocode[0]");
      assertThat(w.reason()).startsWith("'GENT_STRAATCODE' is not understood")
          .endsWith("ignored, since the area has a polygon, circle or zone besides");
    });
  }

  @Test
  void aGeocodeNotUnderstoodIsRefusedWithTheReasonWhenTheAreaHasNothingElse() {
    String noPolygon = load("gent-municipal-gas-leak.xml")
        .replaceAll("<polygon>[^<]*</polygon>", "");
    assertThat(violations(() -> geocodes.resolve(reader.read(noPolygon)))).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo("alert.info[0].area[0].geocode[0]");
      assertThat(v.reason()).contains("'GENT_STRAATCODE' is not understood")
          .contains("Tocsin cannot tell where it is");
    });
    String unknownCode = load("liege-province-flood.xml").replace("62000", "69999")
        .replace("63000", "69998");
    assertThat(violations(() -> geocodes.resolve(reader.read(unknownCode)))).anySatisfy(v ->
        assertThat(v.reason()).startsWith("NIS code '69999' names no zone of the catalogue"));
  }

  @Test
  void differentEventsInOneLanguageAreAContradictionAndRefused() {
    String xml = load("gent-municipal-gas-leak.xml");
    String second = xml.substring(xml.indexOf("<info>"), xml.indexOf("</info>") + 7)
        .replace("<event>Gaslek</event>", "<event>Brand</event>");
    assertThat(violations(() -> reader.read(xml.replace("</alert>", second + "</alert>"))))
        .anySatisfy(v -> {
          assertThat(v.field()).isEqualTo("alert.info[4].event");
          assertThat(v.reason()).contains("'Brand'").contains("'Gaslek'")
              .contains("one message, one event");
        });
    String sameEventOtherText = xml.replace("</alert>", second.replace("Brand", "Gaslek")
        .replace("vermijd de buurt", "blijf binnen") + "</alert>");
    assertThat(violations(() -> reader.read(sameEventOtherText))).anySatisfy(v ->
        assertThat(v.reason()).contains("one text per language"));
  }

  @Test
  void differentEventCodesAreAContradictionAndRefused() {
    String contradicting = load("nccn-antwerp-port-fire.xml")
        .replaceFirst("(?s)(<language>fr-BE</language>.*?)CHEM-FIRE", "$1FLOOD");
    assertThat(violations(() -> reader.read(contradicting))).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo("alert.info[1].eventCode");
      assertThat(v.reason()).contains("'FLOOD'").contains("'CHEM-FIRE'")
          .contains("different events");
    });
  }

  @Test
  void aCancelNeedsNoAreaSinceItCancelsTheAreaOfTheAlertItReferences() {
    String cancel = load("gent-municipal-gas-leak.xml")
        .replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType><references>"
            + "noodplanning@stad.gent,GENT-NOOD-2026-117," + SENT + "</references>")
        .replaceAll("(?s)<area>.*?</area>", "");
    assertThat(reader.read(cancel).content().area().polygons()).isEmpty();
    String alert = load("gent-municipal-gas-leak.xml").replaceAll("(?s)<area>.*?</area>", "");
    assertThat(violations(() -> reader.read(alert))).anySatisfy(v ->
        assertThat(v.field()).isEqualTo("alert.info.area"));
  }

  private List<Violation> violations(Runnable read) {
    try {
      read.run();
    } catch (Rejection rejection) {
      return rejection.violations();
    }
    throw new AssertionError("expected a refusal");
  }

  private CapMessage read(String name) {
    return reader.read(load(name));
  }

  static String load(String name) {
    try (InputStream in = CapVariantsTest.class.getResourceAsStream("/cap/be/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{SENT}}", SENT).replace("{{EXPIRES_LATER}}", EXPIRES_LATER)
          .replace("{{EXPIRES}}", EXPIRES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
