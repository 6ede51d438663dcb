package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelTextsTest {

  private final CancelTexts texts = new CancelTexts(Map.of(), List.of("nl", "fr", "de", "en"));

  @Test
  void aCancelSaysWhichAlertEndsInItsLanguageWithTheReason() {
    InfoText fr = new InfoText("fr", "Centre de crise", "Fumée toxique", "…", null, "…", null);
    InfoText cancel = texts.cancelling(fr, "Incendie éteint.", 160, 306);
    assertThat(cancel.headline()).isEqualTo("ANNULÉ : Fumée toxique");
    assertThat(cancel.description()).isEqualTo("L'alerte « Fumée toxique » est annulée. "
        + "Incendie éteint.");
    assertThat(cancel.smsText()).isEqualTo("ANNULÉ : Fumée toxique");
    assertThat(cancel.senderName()).isEqualTo("Centre de crise");
  }

  @Test
  void aLongHeadlineIsShortenedUntilTheCancelTextFits() {
    InfoText nl = new InfoText("nl", null, "x".repeat(160), "…", null, "…", null);
    InfoText cancel = texts.cancelling(nl, null, 160, 100);
    assertThat(cancel.headline()).hasSizeLessThanOrEqualTo(160).startsWith("INGETROKKEN: xxx")
        .endsWith("…");
    assertThat(cancel.smsText()).hasSizeLessThanOrEqualTo(100).endsWith("…");
  }
}
