package org.tocsin.dispatcher.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.later;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.Fixtures.zone;
import static org.tocsin.dispatcher.RunningDispatcher.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.RunningDispatcher;
import org.tocsin.dispatcher.area.AlertArea;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * A correction reaches everyone an earlier version was sent or attempted to, from the record of
 * what was sent, however they changed since; erasure wins.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionsIT {

  private RunningDispatcher dispatcher;

  @BeforeAll
  void start(KafkaBroker broker) {
    // A failed attempt waits a minute before the next: it is in back-off when the correction
    // comes.
    dispatcher = new RunningDispatcher(broker, "corrections",
        "--tocsin.dispatcher.sending.first-retry-delay=1m",
        "--tocsin.dispatcher.sending.max-retry-delay=1m").start();
  }

  @AfterAll
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void aCancelReachesEveryoneTheAlertReachedOrAttemptedWhereverTheyAreNowButNoOneErased() {
    Area area = area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(),
        List.of("zone-d", "event-zone"));
    Instant inAnHour = Instant.now().plusSeconds(3600);
    dispatcher.add(List.of(
        subscriber("mover", Channel.SMS, "+32470200001", "nl", at(50.05, 4.05)).build(),
        subscriber("dropper", Channel.SMS, "+32470200002", "nl", at(51.5, 5.5))
            .setZones(List.of(zone("zone-d", null))).build(),
        subscriber("ended", Channel.SMS, "+32470200003", "nl", at(51.5, 5.5))
            .setZones(List.of(zone("event-zone", inAnHour))).build(),
        subscriber("timed-out", Channel.SMS, "+32470200004", "nl", at(50.05, 4.05)).build(),
        subscriber("erased", Channel.SMS, "+32470200005", "nl", at(50.05, 4.05)).build(),
        subscriber("stayer", Channel.SMS, "+32470200006", "nl", at(50.05, 4.05)).build(),
        subscriber("outsider", Channel.SMS, "+32470200007", "nl", at(51.5, 5.5)).build()));
    dispatcher.gateway().timeOutFor("+32470200004");

    AlertEvent original = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME, area,
        info("nl", "Gaslek: blijf binnen")).build();
    dispatcher.publish(original);
    dispatcher.gateway().awaitSent(of(original, 1), 6, RunningDispatcher.WAIT);

    // Since the alert: one moved away, one dropped the zone, one's event-zone subscription
    // ended, one was erased.
    dispatcher.publish(List.of(
        subscriber("mover", Channel.SMS, "+32470200001", "nl", at(51.5, 5.5)).setRevision(2)
            .build(),
        subscriber("dropper", Channel.SMS, "+32470200002", "nl", at(51.5, 5.5)).setRevision(2)
            .build(),
        subscriber("ended", Channel.SMS, "+32470200003", "nl", at(51.5, 5.5))
            .setZones(List.of(zone("event-zone", Instant.now().minusSeconds(1))))
            .setRevision(2).build()));
    dispatcher.erase("erased");
    await("the changes in the directory", () -> dispatcher.directory().matchAmong(
        List.of("mover", "dropper", "ended"), AlertArea.of(area), area.getZoneIds(),
        Instant.now().toEpochMilli(), original.getCategories(), true).size() == 0
        && !dispatcher.directory().reaches("erased", "+32470200005"));

    AlertEvent cancel = later(original, 2, MessageType.CANCEL, area,
        info("nl", "Einde gaslek"));
    dispatcher.publish(cancel);

    assertThat(dispatcher.awaitReport(original.getAlertId(), 2).getFanOut().getTargeted())
        .isEqualTo(5);
    List<DeliveryTask> cancels = dispatcher.gateway().awaitSent(of(original, 2), 5,
        RunningDispatcher.WAIT);
    assertThat(bySubscriber(cancels)).containsOnlyKeys("mover", "dropper", "ended", "timed-out",
        "stayer").allSatisfy((id, tasks) -> assertThat(tasks).hasSize(1));
    assertThat(dispatcher.gateway().sent(task -> task.getSubscriberId().equals("erased")
        && task.getAlertVersion() == 2)).isEmpty();
  }

  @Test
  void anUpdateReachesEveryoneAnEarlierVersionReachedAndEveryoneInItsNewAreaButNoOneErased() {
    Area first = area(List.of(rectangle(49.5, 3.0, 49.6, 3.1)), List.of(), List.of());
    Area next = area(List.of(rectangle(49.7, 3.0, 49.8, 3.1)), List.of(), List.of());
    dispatcher.add(List.of(
        subscriber("u-mover", Channel.SMS, "+32470300001", "nl", at(49.55, 3.05)).build(),
        subscriber("u-stayer", Channel.SMS, "+32470300002", "nl", at(49.55, 3.05)).build(),
        subscriber("u-erased", Channel.SMS, "+32470300003", "nl", at(49.55, 3.05)).build(),
        subscriber("u-newly", Channel.SMS, "+32470300004", "nl", at(49.75, 3.05)).build(),
        subscriber("u-outsider", Channel.SMS, "+32470300005", "nl", at(49.95, 3.05)).build()));
    int size = dispatcher.directory().size();

    AlertEvent original = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.SEVERE, first,
        info("nl", "Brand")).build();
    dispatcher.publish(original);
    dispatcher.gateway().awaitSent(of(original, 1), 3, RunningDispatcher.WAIT);
    dispatcher.publish(List.of(subscriber("u-mover", Channel.SMS, "+32470300001", "nl",
        at(49.95, 3.05)).setRevision(2).build()));
    dispatcher.erase("u-erased");
    dispatcher.awaitDirectory(size - 1);

    dispatcher.publish(later(original, 2, MessageType.UPDATE, next, info("nl", "Brand verplaatst")));

    assertThat(dispatcher.awaitReport(original.getAlertId(), 2).getFanOut().getTargeted())
        .isEqualTo(3);
    List<DeliveryTask> updates = dispatcher.gateway().awaitSent(of(original, 2), 3,
        RunningDispatcher.WAIT);
    assertThat(bySubscriber(updates)).containsOnlyKeys("u-mover", "u-stayer", "u-newly");
  }

  private static java.util.function.Predicate<DeliveryTask> of(AlertEvent alert, int version) {
    return task -> alert.getAlertId().equals(task.getAlertId())
        && task.getAlertVersion() == version;
  }

  private static Map<String, List<DeliveryTask>> bySubscriber(List<DeliveryTask> tasks) {
    return tasks.stream().collect(Collectors.groupingBy(DeliveryTask::getSubscriberId,
        Collectors.mapping(Function.identity(), Collectors.toList())));
  }
}
