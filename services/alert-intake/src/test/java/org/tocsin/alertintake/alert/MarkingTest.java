package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertStatus;

class MarkingTest {

  private final Marking marking = new Marking(Map.of(), List.of("nl", "fr", "de", "en"));

  @Test
  void marksExerciseAndTestTextsInEveryLanguageAndLeavesActualOnesAlone() {
    InfoText nl = new InfoText("nl", null, "Brand", "Rook", "Blijf binnen", "Brand. Binnen.", null);
    InfoText marked = marking.mark(AlertStatus.EXERCISE, nl);
    assertThat(List.of(marked.headline(), marked.description(), marked.instruction(),
        marked.smsText())).allSatisfy(text -> assertThat(text).startsWith("[OEFENING] "));
    assertThat(marking.mark(AlertStatus.EXERCISE, "fr", "Feu")).isEqualTo("[EXERCICE] Feu");
    assertThat(marking.mark(AlertStatus.EXERCISE, "de", "Feuer")).isEqualTo("[ÜBUNG] Feuer");
    assertThat(marking.mark(AlertStatus.EXERCISE, "en", "Fire")).isEqualTo("[EXERCISE] Fire");
    assertThat(marking.mark(AlertStatus.TEST, "nl", "Brand")).isEqualTo("[TEST] Brand");
    assertThat(marking.mark(AlertStatus.ACTUAL, nl)).isEqualTo(nl);
  }

  @Test
  void anOperatorCannotLeaveTheMarkingOutNorGetItTwice() {
    assertThat(marking.mark(AlertStatus.EXERCISE, "nl", "[OEFENING] Brand"))
        .isEqualTo("[OEFENING] Brand");
    assertThat(marking.mark(AlertStatus.EXERCISE, "nl", "OEFENING Brand"))
        .isEqualTo("[OEFENING] OEFENING Brand");
    assertThat(marking.mark(AlertStatus.EXERCISE, "nl", " [OEFENING] Brand"))
        .startsWith("[OEFENING] ");
    assertThat(marking.unmark(AlertStatus.EXERCISE, "nl", "[OEFENING] Brand")).isEqualTo("Brand");
  }

  @Test
  void aLanguageWithoutMarkingWordsIsAConfigurationError() {
    assertThatThrownBy(() -> new Marking(Map.of(), List.of("nl", "lb")))
        .hasMessageContaining("tocsin.alerts.marking.lb");
    Marking luxembourgish = new Marking(Map.of("lb", new Marking.Words("IWWUNG", "TEST")),
        List.of("nl", "lb"));
    assertThat(luxembourgish.mark(AlertStatus.EXERCISE, "lb", "Feier")).isEqualTo("[IWWUNG] Feier");
  }
}
