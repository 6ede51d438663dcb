package org.tocsin.alertpage.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.next;
import static org.tocsin.alertpage.AlertFixtures.toxicSmoke;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;

class AlertHistoryTest {

  private static final Instant SENT = Instant.parse("2026-12-03T13:05:00Z");
  private static final AlertEvent FIRST = alert("a1", SENT, toxicSmoke()).build();
  private static final AlertEvent UPDATE =
      next(FIRST, MessageType.UPDATE, SENT.plusSeconds(600), toxicSmoke()).build();
  private static final AlertEvent CANCEL =
      next(UPDATE, MessageType.CANCEL, SENT.plusSeconds(1200), toxicSmoke()).build();

  @Test
  void ordersVersionsByNumberWhateverOrderTheyWereReadIn() {
    AlertHistory history = AlertHistory.of(CANCEL).with(FIRST).with(UPDATE);

    assertThat(history.newestFirst()).extracting(AlertEvent::getVersion).containsExactly(3, 2, 1);
    assertThat(history.latest()).isEqualTo(CANCEL);
    assertThat(history.firstSent()).isEqualTo(SENT);
  }

  @Test
  void aVersionReadTwiceChangesNothing() {
    AlertHistory history = AlertHistory.of(FIRST).with(UPDATE);

    assertThat(history.with(UPDATE)).isSameAs(history);
  }

  @Test
  void refusesAVersionOfAnotherAlert() {
    assertThatThrownBy(() -> AlertHistory.of(FIRST)
        .with(alert("other", SENT, toxicSmoke()).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isUpcomingThenInForceThenExpired() {
    AlertEvent later = alert("a2", SENT, toxicSmoke()).setEffective(SENT.plusSeconds(3600))
        .build();
    AlertHistory history = AlertHistory.of(later);

    assertThat(history.state(SENT)).isEqualTo(
        new AlertState.Upcoming(SENT.plusSeconds(3600), later.getExpires()));
    assertThat(history.state(SENT.plusSeconds(3600)))
        .isEqualTo(new AlertState.InForce(later.getExpires()));
    assertThat(history.state(later.getExpires()))
        .isEqualTo(new AlertState.Expired(later.getExpires()));
    assertThat(history.endedAt(SENT)).isNull();
    assertThat(history.endedAt(later.getExpires().plusSeconds(1))).isEqualTo(later.getExpires());
  }

  @Test
  void anUpdateThatExtendsTheExpiryKeepsTheAlertInForce() {
    AlertEvent extended = next(FIRST, MessageType.UPDATE, SENT.plusSeconds(600), toxicSmoke())
        .setExpires(FIRST.getExpires().plus(Duration.ofHours(6))).build();

    assertThat(AlertHistory.of(FIRST).with(extended).state(FIRST.getExpires()))
        .isInstanceOf(AlertState.InForce.class);
  }

  @Test
  void aCancelEndsItAtOnceAndForGood() {
    AlertHistory history = AlertHistory.of(FIRST).with(UPDATE).with(CANCEL);

    assertThat(history.state(SENT.plusSeconds(1300)))
        .isEqualTo(new AlertState.Cancelled(CANCEL.getSent()));
    assertThat(history.state(SENT.plusSeconds(1300)).current()).isFalse();
    assertThat(history.endedAt(SENT.plusSeconds(1300))).isEqualTo(CANCEL.getSent());
  }
}
