package org.tocsin.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.DeliveryOutcome;

class SendLedgerTest {

  private final SendLedger ledger = new SendLedger(Duration.ofHours(1));

  @Test
  void remembersWhichTasksEndedAndWhichReachedTheirRecipient() {
    ledger.record("a", "00000000-0000-0000-0000-000000000001", DeliveryOutcome.SENT);
    ledger.record("a", "00000000-0000-0000-0000-000000000002", DeliveryOutcome.CANCELLED);
    ledger.record("a", "00000000-0000-0000-0000-000000000003", DeliveryOutcome.RETRYING);

    assertThat(ledger.done("a", "00000000-0000-0000-0000-000000000001")).isTrue();
    assertThat(ledger.reached("a", "00000000-0000-0000-0000-000000000001")).isTrue();
    assertThat(ledger.done("a", "00000000-0000-0000-0000-000000000002")).isTrue();
    assertThat(ledger.reached("a", "00000000-0000-0000-0000-000000000002")).isFalse();
    assertThat(ledger.done("a", "00000000-0000-0000-0000-000000000003")).isFalse();
    assertThat(ledger.done("b", "00000000-0000-0000-0000-000000000001")).isFalse();
  }

  @Test
  void aDeliveryFailureAfterSendingDoesNotUndoTheSending() {
    ledger.record("a", "t-1", DeliveryOutcome.SENT);
    ledger.record("a", "t-1", DeliveryOutcome.FAILED);
    assertThat(ledger.reached("a", "t-1")).isTrue();
  }

  @Test
  void forgetsEndedAlertsAndOldVerifications() {
    Instant now = Instant.now();
    ledger.record("ended", "t-1", DeliveryOutcome.SENT);
    ledger.record("in-force", "t-2", DeliveryOutcome.SENT);
    ledger.record(null, "code-1", DeliveryOutcome.SENT);

    ledger.forget("ended"::equals, now);
    assertThat(ledger.done("ended", "t-1")).isFalse();
    assertThat(ledger.done("in-force", "t-2")).isTrue();
    assertThat(ledger.done(null, "code-1")).isTrue();

    ledger.forget(id -> false, now.plus(Duration.ofMinutes(61)));
    assertThat(ledger.done(null, "code-1")).as("kept one more period").isTrue();
    ledger.forget(id -> false, now.plus(Duration.ofMinutes(122)));
    assertThat(ledger.done(null, "code-1")).isFalse();
  }
}
