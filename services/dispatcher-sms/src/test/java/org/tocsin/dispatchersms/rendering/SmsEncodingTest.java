package org.tocsin.dispatchersms.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsEncodingTest {

  @Test
  void gsmTextsTake160SeptetsThen153PerPart() {
    assertThat(SmsEncoding.of("Sluit ramen en deuren. Zet de radio aan.")).isEqualTo(SmsEncoding.GSM_7);
    assertThat(SmsEncoding.segments("a".repeat(160))).isEqualTo(1);
    assertThat(SmsEncoding.segments("a".repeat(161))).isEqualTo(2);
    assertThat(SmsEncoding.segments("a".repeat(306))).isEqualTo(2);
    assertThat(SmsEncoding.segments("a".repeat(307))).isEqualTo(3);
  }

  @Test
  void extensionCharactersTakeTwoSeptetsAndAreNotSplitAcrossParts() {
    assertThat(SmsEncoding.segments("€".repeat(80))).isEqualTo(1);
    assertThat(SmsEncoding.segments("€".repeat(81))).isEqualTo(2);
    // 152 septets then a two-septet character: it moves to the second part.
    assertThat(SmsEncoding.segments("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
  }

  @Test
  void anyCharacterOutsideGsmMakesTheWholeTextUcs2() {
    assertThat(SmsEncoding.of("Fermez portes et fenêtres")).isEqualTo(SmsEncoding.UCS_2);
    assertThat(SmsEncoding.segments("ê".repeat(70))).isEqualTo(1);
    assertThat(SmsEncoding.segments("ê".repeat(71))).isEqualTo(2);
    assertThat(SmsEncoding.segments("ê".repeat(134))).isEqualTo(2);
  }

  @Test
  void aSurrogatePairCountsTwoUnitsAndIsNotSplitAcrossParts() {
    String flood = "\uD83C\uDF0A";
    assertThat(SmsEncoding.segments(flood.repeat(35))).isEqualTo(1);
    assertThat(SmsEncoding.segments("ê".repeat(66) + flood + "ê".repeat(66))).isEqualTo(3);
  }
}
