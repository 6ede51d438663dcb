package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Role;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
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
  void neitherTheAuthorNorWhoAskedToIssueCanApprove() {
    Alert pending = alert(AlertStatus.ACTUAL, AlertState.APPROVAL_REQUIRED);
    assertThatThrownBy(() -> AlertLifecycle.approve(pending, person("olivia", Role.APPROVER), NOW))
        .isInstanceOf(Rejection.class).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> AlertLifecycle.approve(pending, person("pieter", Role.APPROVER), NOW))
        .hasMessageContaining("Four eyes");
    AlertLifecycle.approve(pending, person("arthur", Role.APPROVER), NOW);
  }

  @Test
  void anExpiredOrAlreadyIssuedAlertCannotBeIssuedOrApproved() {
    assertThatThrownBy(() -> AlertLifecycle.issue(alert(AlertStatus.EXERCISE, AlertState.ISSUED),
        NOW)).extracting(e -> ((Rejection) e).kind()).isEqualTo(Rejection.Kind.CONFLICT);
    assertThatThrownBy(() -> AlertLifecycle.approve(alert(AlertStatus.ACTUAL,
        AlertState.APPROVAL_REQUIRED), person("arthur", Role.APPROVER), NOW.plusSeconds(7200)))
        .hasMessageContaining("expired");
  }

  @Test
  void anActualAlertIsCorrectedOnlyByAnApproverWhoDidNotDraftIt() {
    Alert issued = alert(AlertStatus.ACTUAL, AlertState.ISSUED);
    assertThatThrownBy(() -> AlertLifecycle.update(issued, person("pieter", Role.OPERATOR),
        AlertStatus.ACTUAL, NOW)).hasMessageContaining("APPROVER");
    assertThatThrownBy(() -> AlertLifecycle.update(issued, person("olivia", Role.APPROVER),
        AlertStatus.ACTUAL, NOW)).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> AlertLifecycle.update(issued, person("arthur", Role.APPROVER),
        AlertStatus.EXERCISE, NOW)).hasMessageContaining("cannot change the status");
    AlertLifecycle.update(issued, person("arthur", Role.APPROVER), AlertStatus.ACTUAL, NOW);
    AlertLifecycle.update(alert(AlertStatus.EXERCISE, AlertState.UPDATED),
        person("olivia", Role.OPERATOR), AlertStatus.EXERCISE, NOW);
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
    return new Alert(UUID.randomUUID(), state, content, 0, "olivia", NOW,
        state == AlertState.APPROVAL_REQUIRED ? "pieter" : null, null, NOW, null);
  }

  private static Operator person(String name, Role... roles) {
    return new Operator(name, Set.of(roles), "127.0.0.1", null);
  }
}
