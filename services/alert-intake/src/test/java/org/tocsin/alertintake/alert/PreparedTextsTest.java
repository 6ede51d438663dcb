package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreparedTextsTest {

  private static final List<String> LANGUAGES = List.of("nl", "fr", "de", "en");
  private final PreparedTexts texts = new PreparedTexts(Map.of(), Map.of(), LANGUAGES);
  private final InfoText fr = new InfoText("fr", "Centre de crise", "Évacuez immédiatement",
      "Quittez votre maison.", "Partez vers le nord.", "Évacuez !",
      "https://crisis.example/alerte");

  @Test
  void aCancelIsFilledOnlyWithTheEventAndTheAreaAndKeepsSenderAndLink() {
    InfoText cancel = texts.text(PreparedTexts.Kind.CANCEL, fr, "Chemical release",
        "Bruxelles-Centre", 160, 306);
    assertThat(cancel.headline()).isEqualTo("ANNULÉ : Chemical release – Bruxelles-Centre");
    assertThat(cancel.description()).isEqualTo("L'alerte « Chemical release » pour "
        + "Bruxelles-Centre est annulée. Vous pouvez l'ignorer.");
    assertThat(cancel.smsText())
        .isEqualTo("ANNULÉ : Chemical release – Bruxelles-Centre. Ignorez l'alerte précédente.");
    assertThat(cancel.instruction()).isNull();
    assertThat(cancel.senderName()).isEqualTo("Centre de crise");
    assertThat(cancel.web()).isEqualTo("https://crisis.example/alerte");
    assertThat(cancel.headline() + cancel.description() + cancel.smsText())
        .as("nothing of the cancelled texts").doesNotContain("vacu", "maison", "nord");
  }

  @Test
  void anAllClearSaysTheDangerIsOverInEachLanguage() {
    for (String language : LANGUAGES) {
      InfoText earlier = new InfoText(language, null, "h", "d", null, "s", null);
      InfoText clear = texts.text(PreparedTexts.Kind.ALL_CLEAR, earlier, "Flood", "Namur", 160,
          306);
      assertThat(clear.headline()).contains("Flood").contains("Namur");
      assertThat(clear.description()).contains("Flood").contains("Namur");
    }
    InfoText en = new InfoText("en", null, "h", "d", null, "s", null);
    assertThat(texts.text(PreparedTexts.Kind.ALL_CLEAR, en, "Flood", "Namur", 160, 306)
        .headline()).isEqualTo("ALL CLEAR: Flood – Namur");
  }

  @Test
  void aLongAreaIsShortenedFirstThenTheEventUntilTheTextFits() {
    InfoText nl = new InfoText("nl", null, "h", "d", null, "s", null);
    InfoText cancel = texts.text(PreparedTexts.Kind.CANCEL, nl, "Brand", "x".repeat(500), 160,
        100);
    assertThat(cancel.headline()).hasSize(160).startsWith("INGETROKKEN: Brand – xxx")
        .endsWith("…");
    assertThat(cancel.smsText()).hasSizeLessThanOrEqualTo(100).startsWith("INGETROKKEN: Brand")
        .contains("…");

    InfoText tight = texts.text(PreparedTexts.Kind.CANCEL, nl, "y".repeat(120), "x".repeat(500),
        40, 40);
    assertThat(tight.headline()).hasSizeLessThanOrEqualTo(40).startsWith("INGETROKKEN: yy");
  }

  @Test
  void configuredTemplatesReplaceTheBuiltInOnesAndEveryLanguageNeedsThem() {
    PreparedTexts configured = new PreparedTexts(Map.of("en", new PreparedTexts.Template(
        "WITHDRAWN {0}", "Withdrawn: {0} in {1}.", "WITHDRAWN {0} {1}")), Map.of(), LANGUAGES);
    InfoText en = new InfoText("en", null, "h", "d", null, "s", null);
    assertThat(configured.text(PreparedTexts.Kind.CANCEL, en, "Fire", "Gent", 160, 306)
        .description()).isEqualTo("Withdrawn: Fire in Gent.");
    assertThatThrownBy(() -> new PreparedTexts(Map.of(), Map.of(), List.of("nl", "lb")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cancel-texts")
        .hasMessageContaining("'lb'");
  }
}
