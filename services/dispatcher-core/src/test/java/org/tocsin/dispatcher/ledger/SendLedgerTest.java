package org.tocsin.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

class SendLedgerTest {

  static {
    EventTypes.all();
  }

  private final SendLedger ledger = new SendLedger(Duration.ofHours(1));

  @Test
  void aPersonSentAVersionHasItWhateverAddressTheNextTaskCarries() {
    record("a", 1, "s-1", DeliveryOutcome.SENT);

    assertThat(ledger.finished(task("a", 1, "s-1", "+32470000001"))).isTrue();
    assertThat(ledger.finished(task("a", 1, "s-1", "+32470000999"))).isTrue();
    assertThat(ledger.finished(task("a", 2, "s-1", "+32470000001"))).isFalse();
    assertThat(ledger.finished(task("a", 1, "s-2", "+32470000002"))).isFalse();
    assertThat(ledger.finished(task("b", 1, "s-1", "+32470000001"))).isFalse();
    assertThat(ledger.reached("a", 1, "s-1")).isTrue();
  }

  @Test
  void aFailedAttemptCountsAsAttemptedButIsTriedAgain() {
    record("a", 1, "s-1", DeliveryOutcome.RETRYING);

    assertThat(ledger.attempted("a", 1, "s-1")).isTrue();
    assertThat(ledger.reached("a", 1, "s-1")).isFalse();
    assertThat(ledger.finished(task("a", 1, "s-1", "+32470000001"))).isFalse();

    record("a", 1, "s-1", DeliveryOutcome.SENT);
    assertThat(ledger.finished(task("a", 1, "s-1", "+32470000001"))).isTrue();
  }

  @Test
  void aTaskEndedWithoutACallIsDecidedAgainButAnEndedVerificationIsNot() {
    record("a", 1, "s-1", DeliveryOutcome.SKIPPED);
    ledger.record(new LedgerEntry(null, 0, LedgerKeys.of("new-subscriber"),
        LedgerKeys.of("code-1"), DeliveryOutcome.EXPIRED));

    assertThat(ledger.finished(task("a", 1, "s-1", "+32470000001"))).isFalse();
    assertThat(ledger.attempted("a", 1, "s-1")).isFalse();
    assertThat(ledger.finished(verification("code-1"))).isTrue();
    assertThat(ledger.finished(verification("code-2"))).isFalse();
  }

  @Test
  void aDeliveryFailureAfterSendingDoesNotUndoTheSending() {
    record("a", 1, "s-1", DeliveryOutcome.SENT);
    record("a", 1, "s-1", DeliveryOutcome.FAILED);
    assertThat(ledger.reached("a", 1, "s-1")).isTrue();
  }

  @Test
  void theEarlierRecipientsOfACorrectionAreThoseAnEarlierVersionWasSentOrAttemptedTo() {
    record("a", 1, "sent", DeliveryOutcome.SENT);
    record("a", 1, "failed", DeliveryOutcome.FAILED);
    record("a", 1, "backing-off", DeliveryOutcome.RETRYING);
    record("a", 1, "cancelled-unsent", DeliveryOutcome.CANCELLED);
    record("a", 2, "by-the-update", DeliveryOutcome.SENT);
    record("a", 3, "by-the-cancel", DeliveryOutcome.SENT);
    record("b", 1, "other-alert", DeliveryOutcome.SENT);

    assertThat(ledger.attemptedBefore("a", 3)).containsExactlyInAnyOrder(LedgerKeys.of("sent"),
        LedgerKeys.of("failed"), LedgerKeys.of("backing-off"), LedgerKeys.of("by-the-update"));
    assertThat(ledger.attemptedBefore("a", 1)).isEmpty();
    assertThat(ledger.attemptedBefore("unknown", 2)).isEmpty();
  }

  @Test
  void aProviderReportWithoutSubscriberTellsTheLedgerNothing() {
    ledger.record(new LedgerEntry("a", 1, 0, LedgerKeys.of("t-1"), DeliveryOutcome.DELIVERED));
    assertThat(ledger.size()).isZero();
  }

  @Test
  void forgetsEndedAlertsAndOldVerifications() {
    Instant now = Instant.now();
    record("ended", 1, "s-1", DeliveryOutcome.SENT);
    record("in-force", 1, "s-2", DeliveryOutcome.SENT);
    ledger.record(new LedgerEntry(null, 0, 0, LedgerKeys.of("code-1"), DeliveryOutcome.SENT));

    ledger.forget("ended"::equals, now);
    assertThat(ledger.reached("ended", 1, "s-1")).isFalse();
    assertThat(ledger.reached("in-force", 1, "s-2")).isTrue();
    assertThat(ledger.finished(verification("code-1"))).isTrue();

    ledger.forget(id -> false, now.plus(Duration.ofMinutes(61)));
    assertThat(ledger.finished(verification("code-1"))).as("kept one more period").isTrue();
    ledger.forget(id -> false, now.plus(Duration.ofMinutes(122)));
    assertThat(ledger.finished(verification("code-1"))).isFalse();
  }

  @Test
  void keysOfAStringAndOfItsUtf8BytesAreEqual() {
    for (String id : List.of("s-1", "f47ac10b-58cc-4372-a567-0e02b2c3d479", "zoë-ünïcödé")) {
      byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(LedgerKeys.of(id)).isEqualTo(LedgerKeys.of(bytes, 0, bytes.length));
    }
    assertThat(LedgerKeys.of("s-1")).isNotEqualTo(LedgerKeys.of("s-2"));
  }

  private void record(String alertId, int version, String subscriberId,
                      DeliveryOutcome outcome) {
    ledger.record(new LedgerEntry(alertId, version, LedgerKeys.of(subscriberId),
        LedgerKeys.of(alertId + version + subscriberId), outcome));
  }

  static DeliveryTask task(String alertId, int version, String subscriberId, String address) {
    return DeliveryTask.newBuilder()
        .setTaskId(alertId + "/" + version + "/" + subscriberId).setKind(TaskKind.ALERT)
        .setChannel(Channel.SMS).setLane(Lane.HIGH).setSubscriberId(subscriberId)
        .setRecipient(address).setPushKeys(null).setAlertId(alertId).setAlertVersion(version)
        .setIdentifier(alertId).setStatus(AlertStatus.ACTUAL).setMsgType(MessageType.ALERT)
        .setSeverity(Severity.EXTREME).setMessage(message()).setZoneIds(List.of())
        .setCreatedAt(Instant.now()).setExpires(Instant.now().plusSeconds(3600)).build();
  }

  private static DeliveryTask verification(String taskId) {
    return DeliveryTask.newBuilder(task("x", 0, "new-subscriber", "+32470000000"))
        .setTaskId(taskId).setKind(TaskKind.VERIFICATION).setAlertId(null).setAlertVersion(0)
        .build();
  }

  private static Message message() {
    return Message.newBuilder().setLanguage("nl").setSenderName(null).setHeadline("h")
        .setDescription("d").setInstruction(null).setShortText("s").setWeb(null).build();
  }
}
