package org.tocsin.alertpage.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTagsTest {

  private static final List<String> ALERT = List.of("nl", "fr", "de", "en");

  @Test
  void theLangParameterWinsWhenTheAlertHasThatLanguage() {
    assertThat(LanguageTags.choose("de", "fr-BE,fr;q=0.9", ALERT)).isEqualTo("de");
    assertThat(LanguageTags.choose("FR-be", null, ALERT)).isEqualTo("fr");
  }

  @Test
  void otherwiseTheBrowsersFirstPreferenceTheAlertHas() {
    assertThat(LanguageTags.choose(null, "it-IT,it;q=0.9,de;q=0.5,en;q=0.8", ALERT))
        .isEqualTo("en");
    assertThat(LanguageTags.choose("it", "nl-BE", ALERT)).isEqualTo("nl");
  }

  @Test
  void otherwiseTheAlertsFirstLanguage() {
    assertThat(LanguageTags.choose(null, null, ALERT)).isEqualTo("nl");
    assertThat(LanguageTags.choose(null, "*", ALERT)).isEqualTo("nl");
    assertThat(LanguageTags.choose(null, "en;q=0", ALERT)).isEqualTo("nl");
    assertThat(LanguageTags.choose(null, "%%%;;q=x", ALERT)).as("malformed").isEqualTo("nl");
    assertThat(LanguageTags.choose(null, "en,".repeat(300), ALERT)).as("oversized")
        .isEqualTo("nl");
  }

  @Test
  void aRegionalTagAndItsLanguageServeEachOther() {
    assertThat(LanguageTags.match("nl-BE", List.of("fr", "nl"))).isEqualTo("nl");
    assertThat(LanguageTags.match("nl", List.of("fr-be", "nl-be"))).isEqualTo("nl-be");
    assertThat(LanguageTags.match("nl-be", List.of("nl", "nl-be"))).isEqualTo("nl-be");
    assertThat(LanguageTags.match("it", List.of("fr", "nl"))).isNull();
  }

  @Test
  void knowsWellFormedTagsNamesAndDirections() {
    assertThat(LanguageTags.wellFormed("nl-BE")).isTrue();
    assertThat(LanguageTags.wellFormed("<script>")).isFalse();
    assertThat(LanguageTags.wellFormed("x".repeat(20))).isFalse();
    assertThat(LanguageTags.ownName("fr")).isEqualTo("Français");
    assertThat(LanguageTags.ownName("nl")).isEqualTo("Nederlands");
    assertThat(LanguageTags.direction("ar")).isEqualTo("rtl");
    assertThat(LanguageTags.direction("de")).isEqualTo("ltr");
  }
}
