package org.tocsin.alertintake.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertStatus;

class ReleaseTest {

  @Test
  void underActualOnlyThePreparedCancelAndAllClearGoOutOnOneOperatorsWord() {
    assertThat(Release.of(AlertStatus.ACTUAL, Change.CANCEL_WITH_PREPARED_TEXTS))
        .isEqualTo(Release.AT_ONCE);
    assertThat(Release.of(AlertStatus.ACTUAL, Change.ALL_CLEAR_WITH_PREPARED_TEXTS))
        .isEqualTo(Release.AT_ONCE);
    assertThat(Release.of(AlertStatus.ACTUAL, Change.FIRST_ISSUE))
        .isEqualTo(Release.AFTER_APPROVAL);
    assertThat(Release.of(AlertStatus.ACTUAL, Change.UPDATE)).isEqualTo(Release.AFTER_APPROVAL);
    assertThat(Release.of(AlertStatus.ACTUAL, Change.CANCEL_WITH_OWN_TEXTS))
        .isEqualTo(Release.AFTER_APPROVAL);
  }

  @Test
  void exercisesAndTestsGoOutAtOnceWhateverTheChange() {
    for (AlertStatus status : new AlertStatus[] {AlertStatus.EXERCISE, AlertStatus.TEST}) {
      for (Change change : Change.values()) {
        assertThat(Release.of(status, change)).as(status + " " + change)
            .isEqualTo(Release.AT_ONCE);
      }
    }
  }

  @Test
  void aSystemMessageIsTreatedLikeAnActualOne() {
    for (Change change : Change.values()) {
      assertThat(Release.of(AlertStatus.SYSTEM, change))
          .isEqualTo(Release.of(AlertStatus.ACTUAL, change));
    }
  }
}
