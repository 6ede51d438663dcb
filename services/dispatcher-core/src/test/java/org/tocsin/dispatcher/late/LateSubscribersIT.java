package org.tocsin.dispatcher.late;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.later;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.RunningDispatcher;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * An ACTUAL alert in force reaches people who come into its area after its fan-out, within
 * 10 s, in its current version only, once; exercises, tests and cancelled alerts never do.
 */
@ExtendWith(RealInfrastructure.class)
class LateSubscribersIT {

  private static final Duration TARGET = Duration.ofSeconds(10);
  private static final Area AREA = area(List.of(rectangle(50.5, 5.0, 50.6, 5.1)), List.of(),
      List.of());

  private RunningDispatcher dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void aSubscriberRegistered30SecondsAfterAnAlertGetsItsCurrentVersionWithin10Seconds(
      KafkaBroker broker) throws Exception {
    dispatcher = new RunningDispatcher(broker, "late").start();
    dispatcher.add(List.of(inside("early", "+32473000001")));
    AlertEvent actual = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.SEVERE, AREA,
        info("nl", "Brand: blijf binnen")).build();
    AlertEvent exercise = alert(Fixtures.newId(), AlertStatus.EXERCISE, Severity.SEVERE, AREA,
        info("nl", "OEFENING")).build();
    AlertEvent cancelled = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.SEVERE, AREA,
        info("nl", "Lek")).build();
    AlertEvent updated = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.MODERATE, AREA,
        info("nl", "Hitte")).build();
    long issued = System.nanoTime();
    Stream.of(actual, exercise, cancelled, updated).forEach(dispatcher::publish);
    dispatcher.publish(later(cancelled, 2, MessageType.CANCEL, AREA));
    dispatcher.publish(later(updated, 2, MessageType.UPDATE, AREA, info("nl", "Hitte: drink")));
    dispatcher.awaitReport(actual.getAlertId(), 1);
    dispatcher.awaitReport(updated.getAlertId(), 2);

    Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis()
        - Duration.ofNanos(System.nanoTime() - issued).toMillis()));
    long registered = System.nanoTime();
    dispatcher.publish(List.of(inside("late", "+32473000002")));
    dispatcher.gateway().awaitSent(to("late"), 2, RunningDispatcher.WAIT);
    Duration took = Duration.ofNanos(System.nanoTime() - registered);

    // A change of the same person later, then a newcomer whose message comes after every check
    // made for the first: still one message per version.
    dispatcher.publish(List.of(subscriber("late", Channel.SMS, "+32473000002", "nl",
        at(50.55, 5.05), at(50.56, 5.06)).setRevision(2).build()));
    dispatcher.publish(List.of(inside("later", "+32473000003")));
    dispatcher.gateway().awaitSent(to("later"), 2, RunningDispatcher.WAIT);
    dispatcher.awaitLanesDone();

    assertThat(took).as("registered to both messages sent").isLessThanOrEqualTo(TARGET);
    assertThat(versions(dispatcher.gateway().sent(to("late")))).containsExactlyInAnyOrder(
        actual.getAlertId() + "/1", updated.getAlertId() + "/2");
    assertThat(versions(tasksFor("late"))).as("tasks written for the late subscriber")
        .containsOnly(actual.getAlertId() + "/1", updated.getAlertId() + "/2");
    List<DeliveryTask> early = dispatcher.gateway().sent(to("early"));
    assertThat(versions(early)).as("one message per version").hasSameSizeAs(early);
  }

  @Test
  void aSubscriberWhoRegisteredWhileTheDispatcherWasDownGetsTheAlertOnceItRunsAgain(
      KafkaBroker broker) {
    dispatcher = new RunningDispatcher(broker, "late-restart").start();
    dispatcher.add(List.of(inside("reached", "+32473100001")));
    AlertEvent actual = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME, AREA,
        info("nl", "Overstroming")).build();
    dispatcher.publish(actual);
    dispatcher.gateway().awaitSent(to("reached"), 1, RunningDispatcher.WAIT);
    dispatcher.awaitLanesDone();
    dispatcher.stop();

    dispatcher.publish(List.of(inside("while-down", "+32473100002")));
    dispatcher.start();
    dispatcher.awaitDirectory(2);
    long ready = System.nanoTime();
    dispatcher.gateway().awaitSent(to("while-down"), 1, RunningDispatcher.WAIT);
    Duration took = Duration.ofNanos(System.nanoTime() - ready);
    dispatcher.awaitLanesDone();

    assertThat(took).as("ready to the message sent").isLessThanOrEqualTo(TARGET);
    assertThat(dispatcher.gateway().sent(to("reached"))).as("not again after the restart")
        .isEmpty();
  }

  private List<DeliveryTask> tasksFor(String subscriberId) {
    return Stream.of(Lane.values())
        .flatMap(lane -> dispatcher.kafka.readAll(dispatcher.topics.deliveries(Channel.SMS,
            lane)).stream())
        .map(ConsumerRecord::value)
        .filter(task -> task.getSubscriberId().equals(subscriberId)).toList();
  }

  private static java.util.function.Predicate<DeliveryTask> to(String subscriberId) {
    return task -> task.getSubscriberId().equals(subscriberId);
  }

  private static Set<String> versions(List<DeliveryTask> tasks) {
    return tasks.stream().map(task -> task.getAlertId() + "/" + task.getAlertVersion())
        .collect(Collectors.toSet());
  }

  private static org.tocsin.events.v1.SubscriberChanged inside(String id, String number) {
    return subscriber(id, Channel.SMS, number, "nl", at(50.55, 5.05)).build();
  }
}
