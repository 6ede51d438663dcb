package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

class AlertLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-05-24T10:00:00Z");

  @Test
  void anActualAlertWaitsForApprovalWhileExercisesAndTestsAreIssuedAtOnce() {
    assertThat(AlertLifecycle.issue(alert(AlertStatus.ACTUAL, AlertState.DRAFT), NOW))
        .isEqualTo(AlertState.APPROVAL_REQUIRED);
    assertThat(AlertLifecycle.issue(alert(AlertStatus.EXERCISE, AlertState.DRAFT), NOW))
        .isEqualTo(AlertState.ISSUED);
    assertThat(AlertLifecycle.issue(alert(AlertStatus.TEST, AlertState.DRAFT), NOW))
        .isEqualTo(AlertState.ISSUED);
  }

  @Test
  void anExpiredOrAlreadyIssuedAlertCannotBeIssuedOrApproved() {
    assertThatThrownBy(() -> AlertLifecycle.issue(alert(AlertStatus.EXERCISE, AlertState.ISSUED),
        NOW)).extracting(e -> ((Rejection) e).kind()).isEqualTo(Rejection.Kind.CONFLICT);
    Alert pending = alert(AlertStatus.ACTUAL, AlertState.APPROVAL_REQUIRED);
    assertThatThrownBy(() -> AlertLifecycle.approve(pending, MessageType.ALERT,
        pending.content(), NOW.plusSeconds(7200))).hasMessageContaining("expired");
    AlertLifecycle.approve(pending, MessageType.ALERT, pending.content(), NOW);
  }

  @Test
  void aChangeAwaitingApprovalIsReleasedOnlyWhileTheAlertIsLive() {
    Alert live = alert(AlertStatus.ACTUAL, AlertState.UPDATED);
    AlertLifecycle.approve(live, MessageType.UPDATE, live.content(), NOW);
    AlertLifecycle.approve(live, MessageType.CANCEL, live.content(), NOW);
    assertThatThrownBy(() -> AlertLifecycle.approve(alert(AlertStatus.ACTUAL,
        AlertState.CANCELLED), MessageType.UPDATE, live.content(), NOW))
        .extracting(e -> ((Rejection) e).kind()).isEqualTo(Rejection.Kind.CONFLICT);
    assertThatThrownBy(() -> AlertLifecycle.approve(live, MessageType.ALERT, live.content(),
        NOW)).as("a first version is approved only while the alert awaits it")
        .isInstanceOf(Rejection.class);
  }

  @Test
  void anUpdateKeepsTheStatusAndNeedsAPublishedAlert() {
    Alert issued = alert(AlertStatus.ACTUAL, AlertState.ISSUED);
    AlertLifecycle.update(issued, AlertStatus.ACTUAL, NOW);
    assertThatThrownBy(() -> AlertLifecycle.update(issued, AlertStatus.EXERCISE, NOW))
        .hasMessageContaining("cannot change the status");
    assertThatThrownBy(() -> AlertLifecycle.update(alert(AlertStatus.ACTUAL, AlertState.DRAFT),
        AlertStatus.ACTUAL, NOW)).isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> AlertLifecycle.update(issued, AlertStatus.ACTUAL,
        NOW.plusSeconds(7200))).hasMessageContaining("expired");
  }

  @Test
  void theAllClearIsGivenOnlyForALiveAlert() {
    AlertLifecycle.allClear(alert(AlertStatus.ACTUAL, AlertState.ISSUED), NOW);
    AlertLifecycle.allClear(alert(AlertStatus.EXERCISE, AlertState.UPDATED), NOW);
    for (AlertState notLive : List.of(AlertState.DRAFT, AlertState.APPROVAL_REQUIRED,
        AlertState.CANCELLED, AlertState.EXPIRED, AlertState.REJECTED)) {
      assertThatThrownBy(() -> AlertLifecycle.allClear(alert(AlertStatus.ACTUAL, notLive), NOW))
          .as(notLive.name()).isInstanceOf(Rejection.class);
    }
  }

  @Test
  void cancellingPublishesOnlyForAnAlertThatWasPublished() {
    assertThat(AlertLifecycle.cancelPublishes(alert(AlertStatus.ACTUAL, AlertState.ISSUED), NOW))
        .isTrue();
    assertThat(AlertLifecycle.cancelPublishes(alert(AlertStatus.ACTUAL, AlertState.UPDATED), NOW))
        .isTrue();
    assertThat(AlertLifecycle.cancelPublishes(alert(AlertStatus.ACTUAL,
        AlertState.APPROVAL_REQUIRED), NOW)).isFalse();
    assertThat(AlertLifecycle.cancelPublishes(alert(AlertStatus.ACTUAL, AlertState.DRAFT), NOW))
        .isFalse();
    for (AlertState over : List.of(AlertState.CANCELLED, AlertState.EXPIRED, AlertState.REJECTED)) {
      assertThatThrownBy(() -> AlertLifecycle.cancelPublishes(alert(AlertStatus.ACTUAL, over),
          NOW)).isInstanceOf(Rejection.class);
    }
  }

  private static Alert alert(AlertStatus status, AlertState state) {
    AlertContent content = new AlertContent(status, List.of(), "Fire", Urgency.IMMEDIATE,
        Severity.SEVERE, Certainty.OBSERVED, NOW, NOW.plusSeconds(3600), List.of(),
        new AreaSpec("Brussels", List.of(), List.of(), List.of("BXL")), List.of(), null);
    return new Alert(UUID.randomUUID(), state, content, 0,
        new Person("https://issuer.test", "s-olivia", "olivia"), NOW,
        state == AlertState.APPROVAL_REQUIRED ? "pieter" : null, null, NOW, null);
  }
}
