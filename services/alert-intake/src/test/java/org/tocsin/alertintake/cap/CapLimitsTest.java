package org.tocsin.alertintake.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.rejection.Rejection;

/**
 * Input that cannot hurt the service: every number and time bounded before it is converted,
 * the XML parsed within depth, element and text limits, invisible characters refused. A second
 * per case is generous (each takes well under a millisecond warm): it catches the seconds the
 * unbounded reading took.
 */
class CapLimitsTest {

  private static final Duration GENEROUS = Duration.ofSeconds(1);
  private final CapReader reader = new CapReader(CapProperties.defaults(), 20_000);

  /**
   * The findings: a radius of 1e10000000 km cost 5.6 s of CPU here before this reader
   * (BigDecimal to double), 1e999999999 an ArithmeticException (HTTP 500).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e10000000", "1e999999999", "1e2147483647", "1E-2147483648",
      "0x1p3", "NaN", "Infinity", "12345678901234567890123", "2,5"})
  void aRadiusThatIsNotAPlainDecimalIsRefusedAtOnce(String radius) {
    String xml = message("<circle>50.85,4.35 " + radius + "</circle>");
    Rejection refused = refused(xml);
    assertThat(refused.kind()).isEqualTo(Rejection.Kind.INVALID);
    assertThat(refused.violations()).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo("alert.info[0].area[0].circle[0]");
      assertThat(v.reason()).contains("not a decimal number of kilometres");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<circle>1e400,4.35 2</circle>| is not a CAP circle",
      "<circle>50.85,4.35</circle>| is not a CAP circle",
      "<circle>95.0,4.35 2</circle>| is not a CAP circle",
      "<polygon>50.1,4.1 50.2,4.2 50.3,400.3 50.1,4.1</polygon>|not a WGS 84 pair",
      "<polygon>50.1,4.1 50.2,4.2 50.1,4.1</polygon>|needs at least 4"})
  void aCoordinateOutOfRangeOrOfAnotherFormIsRefused(String geometry, String reason) {
    assertThat(refused(message(geometry)).violations()).anySatisfy(v ->
        assertThat(v.reason()).contains(reason));
  }

  @Test
  void aPolygonWithTooManyPairsIsRefusedBeforeOneIsParsed() {
    String pairs = "50.1,4.1 ".repeat(25_000);
    assertThat(refused(message("<polygon>" + pairs + "</polygon>")).violations())
        .anySatisfy(v -> assertThat(v.reason()).isEqualTo("has 25000 pairs; at most 20000 "
            + "vertices per polygon"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+999999999-05-24T12:00:00+02:00", "99999-05-24T12:00:00+02:00",
      "2026-05-24T12:00:00.123456789+02:00", "2026-02-30T12:00:00+02:00",
      "2026-05-24T12:00:00+25:00", "2026-05-24"})
  void aTimeNotOfTheCapPatternIsRefused(String time) {
    String xml = message("<circle>50.85,4.35 2</circle>")
        .replace("<sent>2026-05-24T12:00:00+02:00</sent>", "<sent>" + time + "</sent>");
    assertThat(refused(xml).violations()).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo("alert.sent");
      assertThat(v.reason()).contains("is not a CAP date-time");
    });
  }

  @Test
  void deepNestingIsRefusedAtTheLimit() {
    String deep = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
        + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</alert>";
    Rejection refused = refused(deep);
    assertThat(refused.kind()).isEqualTo(Rejection.Kind.MALFORMED);
    assertThat(refused.getMessage()).contains("nests elements 17 deep; at most 16");
  }

  @Test
  void tooManyElementsAreRefusedAtTheLimit() {
    String many = message("<circle>50.85,4.35 2</circle>" + "<geocode/>".repeat(20_000));
    assertThat(refused(many).getMessage()).contains("more than 10000 elements and attributes");
  }

  @Test
  void aTextOverTheLimitIsRefusedWhileReading() {
    String long1 = message("<circle>50.85,4.35 2</circle>").replace("<headline>Brand",
        "<headline>" + "x".repeat(200_000));
    assertThat(refused(long1).getMessage()).contains("a text of more than 10000 characters in "
        + "<headline>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Brand\u202Eteb|U+202E RIGHT-TO-LEFT OVERRIDE at position 6 (a bidirectional",
      "Br\u200Band|U+200B ZERO WIDTH SPACE at position 3 (a zero-width character)",
      "Bra&#x2067;nd|U+2067 RIGHT-TO-LEFT ISOLATE",
      "Brand&#x85;|U+0085 NEXT LINE (NEL) at position 6 (a control character)",
      "Brand&#xFEFF;|U+FEFF ZERO WIDTH NO-BREAK SPACE",
      "Br&#xAD;and|U+00AD SOFT HYPHEN at position 3 (an invisible format character)"})
  void invisibleAndReorderingCharactersInTextsAreRefusedWithFieldAndReason(String headline,
                                                                           String reason) {
    String xml = message("<circle>50.85,4.35 2</circle>").replace("<headline>Brand</headline>",
        "<headline>" + headline + "</headline>");
    assertThat(refused(xml).violations()).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo("alert.info[0].headline");
      assertThat(v.reason()).contains(reason);
    });
  }

  @Test
  void controlCharactersOfXml11AreRefused() {
    String xml = "<?xml version=\"1.1\"?>" + message("<circle>50.85,4.35 2</circle>")
        .replace("<headline>Brand</headline>", "<headline>Bra&#x1;nd</headline>");
    assertThat(refused(xml).violations()).anySatisfy(v ->
        assertThat(v.reason()).contains("U+0001"));
  }

  private Rejection refused(String xml) {
    return assertTimeout(GENEROUS, () -> {
      try {
        reader.read(xml);
      } catch (Rejection rejection) {
        return rejection;
      }
      throw new AssertionError("expected a refusal");
    });
  }

  private static String message(String geometry) {
    return """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>BE-1</identifier><sender>crisiscenter.be</sender>
          <sent>2026-05-24T12:00:00+02:00</sent><status>Actual</status>
          <msgType>Alert</msgType><scope>Public</scope>
          <info>
            <language>nl-BE</language><category>Fire</category><event>Brand</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            <headline>Brand</headline><description>Rook</description>
            <area><areaDesc>Brussel</areaDesc>%s</area>
          </info>
        </alert>""".formatted(geometry);
  }
}
