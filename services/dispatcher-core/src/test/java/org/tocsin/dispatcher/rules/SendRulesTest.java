package org.tocsin.dispatcher.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.alert.AlertStates;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.AlertTasks;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.dispatcher.ledger.LedgerKeys;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

class SendRulesTest {

  private static final Area AREA = area(List.of(rectangle(50.8, 4.3, 50.9, 4.4)), List.of(),
      List.of());
  private static final Predicate<String> NOTHING_IN_FLIGHT = id -> false;

  private final SendLedger ledger = new SendLedger(Duration.ofHours(1));
  private final AlertStates alerts = new AlertStates();
  private final SubscriberDirectory directory = new SubscriberDirectory(Channel.SMS);
  private final SendRules rules = new SendRules(ledger, alerts, directory);
  private final Instant now = Instant.now();
  private final AlertEvent original = alert("fire", AlertStatus.ACTUAL, Severity.EXTREME, AREA,
      info("nl", "Brand")).build();

  SendRulesTest() {
    directory.apply(List.of(new SubscriberDirectory.Change("s-1",
        subscriber("s-1", Channel.SMS, "+32470000001", "nl", at(50.85, 4.35)).build(), 0)));
    alerts.record(original, 0);
  }

  @Test
  void sendsATaskOfTheLatestVersionToASubscriberStillAtItsAddress() {
    assertThat(decide(task(original))).isInstanceOf(SendDecision.Send.class);
  }

  @Test
  void nothingToDoForAPersonAlreadySentThisVersionEvenAtAnotherAddress() {
    record(original, DeliveryOutcome.SENT);
    DeliveryTask elsewhere = DeliveryTask.newBuilder(task(original))
        .setRecipient("+32470000999").build();

    assertThat(decide(task(original))).isInstanceOf(SendDecision.AlreadyFinished.class);
    assertThat(decide(elsewhere)).isInstanceOf(SendDecision.AlreadyFinished.class);
  }

  @Test
  void waitsWhileTheSameTaskIsInAProviderCall() {
    DeliveryTask task = task(original);
    assertThat(rules.decide(task, now, Set.of(task.getTaskId())::contains))
        .isInstanceOf(SendDecision.Wait.class);
  }

  @Test
  void aTaskPastItsExpiryEndsExpired() {
    DeliveryTask task = task(original);
    assertThat(rules.decide(task, task.getExpires(), NOTHING_IN_FLIGHT))
        .isEqualTo(new SendDecision.End(DeliveryOutcome.EXPIRED,
            "expired at " + task.getExpires()));
  }

  @Test
  void aTaskOfAVersionSupersededByAnUpdateIsSkippedAndOfACancelledAlertCancelled() {
    DeliveryTask first = task(original);
    alerts.record(version(2, MessageType.UPDATE), 0);
    assertThat(decide(first)).isEqualTo(new SendDecision.End(DeliveryOutcome.SKIPPED,
        "superseded by version 2"));

    alerts.record(version(3, MessageType.CANCEL), 0);
    assertThat(decide(first)).isEqualTo(new SendDecision.End(DeliveryOutcome.CANCELLED,
        "alert cancelled by version 3"));
  }

  @Test
  void erasureWinsAndAChangedAddressGetsNothingFromTheOldTask() {
    DeliveryTask task = task(original);
    directory.apply(List.of(new SubscriberDirectory.Change("s-1",
        subscriber("s-1", Channel.SMS, "+32470000002", "nl", at(50.85, 4.35))
            .setRevision(2).build(), 0)));
    assertThat(decide(task)).isEqualTo(new SendDecision.End(DeliveryOutcome.SKIPPED,
        "subscriber erased or contact changed"));
    DeliveryTask atTheNewAddress = task(original);
    assertThat(decide(atTheNewAddress)).isInstanceOf(SendDecision.Send.class);

    directory.apply(List.of(new SubscriberDirectory.Change("s-1", null, 0)));
    assertThat(decide(atTheNewAddress)).isEqualTo(new SendDecision.End(DeliveryOutcome.SKIPPED,
        "subscriber erased or contact changed"));
  }

  @Test
  void aCancelGoesOnlyToThoseAnEarlierVersionWasSentOrAttemptedTo() {
    AlertEvent cancel = version(2, MessageType.CANCEL);
    alerts.record(cancel, 0);
    assertThat(decide(task(cancel))).isEqualTo(new SendDecision.End(DeliveryOutcome.SKIPPED,
        "never sent or attempted by the alert it cancels"));

    // A first attempt that timed out at the provider (which may have delivered it).
    record(original, DeliveryOutcome.RETRYING);
    assertThat(decide(task(cancel))).as("decided again once the attempt is recorded")
        .isInstanceOf(SendDecision.Send.class);
  }

  @Test
  void aCancelWaitsWhileTheVersionItCancelsIsInAProviderCallToThatPerson() {
    AlertEvent cancel = version(2, MessageType.CANCEL);
    alerts.record(cancel, 0);
    String first = TaskIds.forAlert("fire", 1, "s-1", Channel.SMS);

    assertThat(rules.decide(task(cancel), now, first::equals))
        .isInstanceOf(SendDecision.Wait.class);
  }

  @Test
  void anUpdateGoesToWhomItsFanOutGaveIt() {
    AlertEvent update = version(2, MessageType.UPDATE);
    alerts.record(update, 0);
    assertThat(decide(task(update))).isInstanceOf(SendDecision.Send.class);
  }

  @Test
  void aVerificationIsSentUnlessItEndedOrExpired() {
    DeliveryTask code = DeliveryTask.newBuilder(task(original)).setTaskId("code-1")
        .setKind(TaskKind.VERIFICATION).setAlertId(null).setAlertVersion(0)
        .setSubscriberId("not-in-the-directory").build();
    assertThat(decide(code)).isInstanceOf(SendDecision.Send.class);

    ledger.record(new LedgerEntry(null, 0, 0, LedgerKeys.of("code-1"), DeliveryOutcome.SENT));
    assertThat(decide(code)).isInstanceOf(SendDecision.AlreadyFinished.class);
  }

  private SendDecision decide(DeliveryTask task) {
    return rules.decide(task, now, NOTHING_IN_FLIGHT);
  }

  private AlertEvent version(int version, MessageType type) {
    return AlertEvent.newBuilder(original).setVersion(version)
        .setIdentifier("fire-" + version).setMsgType(type).build();
  }

  private DeliveryTask task(AlertEvent alert) {
    return new AlertTasks(alert, Channel.SMS).task(directory.among(List.of("s-1")), 0, now);
  }

  private void record(AlertEvent alert, DeliveryOutcome outcome) {
    ledger.record(new LedgerEntry(alert.getAlertId(), alert.getVersion(), LedgerKeys.of("s-1"),
        LedgerKeys.of(TaskIds.forAlert(alert.getAlertId(), alert.getVersion(), "s-1",
            Channel.SMS)), outcome));
  }
}
