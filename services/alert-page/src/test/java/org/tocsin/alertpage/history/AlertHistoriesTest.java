package org.tocsin.alertpage.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.next;
import static org.tocsin.alertpage.AlertFixtures.toxicSmoke;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;

class AlertHistoriesTest {

  private static final Instant SENT = Instant.parse("2026-12-03T13:05:00Z");
  private static final Duration KEEP = Duration.ofHours(72);

  private final AlertHistories histories = new AlertHistories(KEEP);

  @Test
  void proposesAChangeAndHoldsItOnlyOnceKept() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();

    AlertHistory proposed = histories.adding(List.of(first), SENT).orElseThrow();
    assertThat(histories.get("a1")).isEmpty();

    histories.keep(proposed);
    assertThat(histories.get("a1")).contains(proposed);
    assertThat(histories.adding(List.of(first), SENT)).as("a version read again").isEmpty();
  }

  @Test
  void addsSeveralVersionsOfOneAlertAtOnce() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();
    AlertEvent update = next(first, MessageType.UPDATE, SENT.plusSeconds(60), toxicSmoke())
        .build();

    assertThat(histories.adding(List.of(first, update), SENT.plusSeconds(60)).orElseThrow()
        .latest()).isEqualTo(update);
  }

  @Test
  void neverShowsSystemMessages() {
    AlertEvent system = alert("s1", SENT, toxicSmoke()).setStatus(AlertStatus.SYSTEM).build();

    assertThat(histories.adding(List.of(system), SENT)).isEmpty();
  }

  @Test
  void forgetsAnAlertOnceItHasBeenOverForTheTimePagesAreKept() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();
    histories.keep(histories.adding(List.of(first), SENT).orElseThrow());
    Instant expired = first.getExpires();

    assertThat(histories.forgetEnded(expired.plus(KEEP).minusSeconds(1))).isEmpty();
    assertThat(histories.forgetEnded(expired.plus(KEEP))).containsExactly("a1");
    assertThat(histories.size()).isZero();
  }

  @Test
  void doesNotTakeBackAnAlertOverForLongerThanPagesAreKept() {
    AlertEvent old = alert("old", SENT, toxicSmoke()).build();

    assertThat(histories.adding(List.of(old), old.getExpires().plus(KEEP))).isEmpty();
    assertThat(histories.adding(List.of(old), old.getExpires().plus(KEEP).minusSeconds(1)))
        .isPresent();
  }
}
