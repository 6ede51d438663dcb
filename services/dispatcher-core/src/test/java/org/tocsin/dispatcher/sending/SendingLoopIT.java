package org.tocsin.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.RunningDispatcher.WAIT;
import static org.tocsin.dispatcher.RunningDispatcher.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.dispatcher.Fixtures;
import org.tocsin.dispatcher.RunningDispatcher;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

/**
 * The sending loop's commit logic on a real broker: a lane's committed offset stays on the
 * oldest task not finished, however many later ones are, and moves on once it is; a restarted
 * dispatcher sends nothing the ledger says was sent; a task read twice gets no more attempts
 * than one copy of it.
 */
@ExtendWith(RealInfrastructure.class)
class SendingLoopIT {

  private RunningDispatcher dispatcher;
  private KafkaBroker broker;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.gateway().release();
      dispatcher.close();
    }
  }

  @Test
  void theCommittedOffsetStaysOnTheOldestUnfinishedTaskAndARestartSendsNothingTwice(
      KafkaBroker broker) throws Exception {
    this.broker = broker;
    dispatcher = new RunningDispatcher(broker, "sending").start();
    List<SubscriberChanged> people = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      people.add(subscriber("s-" + i, Channel.SMS, String.format("+32475%06d", i), "nl",
          at(50.05, 4.05)).build());
    }
    dispatcher.add(people);
    dispatcher.gateway().hold("+32475000007");
    AlertEvent alert = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME,
        area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(), List.of()),
        info("nl", "Brand")).build();
    dispatcher.publish(alert);
    dispatcher.gateway().awaitSent(task -> true, 59, WAIT);

    Topic<String, DeliveryTask> high = dispatcher.topics.deliveries(Channel.SMS, Lane.HIGH);
    ConsumerRecord<String, DeliveryTask> held = dispatcher.kafka.readAll(high).stream()
        .filter(record -> record.key().equals("+32475000007")).findFirst().orElseThrow();
    TopicPartition heldPartition = new TopicPartition(high.name(), held.partition());
    await("the other partitions committed to their end", () -> dispatcher.kafka.readAll(high)
        .stream().filter(record -> record.partition() != held.partition())
        .allMatch(record -> committed(new TopicPartition(high.name(), record.partition()))
            > record.offset()));
    assertThat(committed(heldPartition)).as("committed offset of the held task's partition")
        .isEqualTo(held.offset());

    dispatcher.gateway().release();
    dispatcher.awaitLanesDone();
    dispatcher.stop();
    dispatcher.start();
    dispatcher.awaitDirectory(60);
    // A task read again by a fan-out redone from the start would be skipped the same way.
    dispatcher.publish(alert);
    dispatcher.awaitLanesDone();
    assertThat(dispatcher.gateway().sent()).as("sent again after the restart").isEmpty();
  }

  @Test
  void aTaskReadTwiceWhileItsAttemptsAreUnderWayGetsNoMoreProviderCallsThanMaxAttempts(
      KafkaBroker broker) {
    int maxAttempts = 4;
    Duration retryDelay = Duration.ofSeconds(1);
    this.broker = broker;
    dispatcher = new RunningDispatcher(broker, "copies",
        "--tocsin.dispatcher.sending.max-attempts=" + maxAttempts,
        "--tocsin.dispatcher.sending.first-retry-delay=" + retryDelay.toMillis() + "ms",
        "--tocsin.dispatcher.sending.max-retry-delay=" + retryDelay.toMillis() + "ms").start();
    String address = "+32475999001";
    dispatcher.add(List.of(subscriber("twice", Channel.SMS, address, "nl", at(50.05, 4.05))
        .build()));
    dispatcher.gateway().timeOutFor(address);
    AlertEvent alert = alert(Fixtures.newId(), AlertStatus.ACTUAL, Severity.EXTREME,
        area(List.of(rectangle(50.0, 4.0, 50.1, 4.1)), List.of(), List.of()),
        info("nl", "Brand")).build();
    dispatcher.publish(alert);
    dispatcher.gateway().awaitSent(task -> task.getRecipient().equals(address), 1, WAIT);

    // The very task again, while its first copy waits to be tried again: what a late
    // subscriber's pass, or a fan-out chunk redone, writes.
    Topic<String, DeliveryTask> high = dispatcher.topics.deliveries(Channel.SMS, Lane.HIGH);
    ConsumerRecord<String, DeliveryTask> first = dispatcher.kafka.readAll(high).stream()
        .filter(record -> record.key().equals(address)).findFirst().orElseThrow();
    dispatcher.kafka.publish(high, first.key(), first.value());

    // The attempts' back-off comes on top of the usual reaction time.
    Duration attempts = WAIT.plus(retryDelay.multipliedBy(2L * maxAttempts));
    dispatcher.kafka.readUntil(dispatcher.topics.deliveryStatus(), all -> all.stream()
        .anyMatch(record -> record.value().getOutcome() == DeliveryOutcome.FAILED), attempts);
    dispatcher.awaitLanesDone();

    assertThat(dispatcher.kafka.readAll(high)).filteredOn(r -> r.key().equals(address))
        .as("copies of the task on the lane").hasSizeGreaterThanOrEqualTo(2);
    assertThat(dispatcher.gateway().sent(task -> task.getRecipient().equals(address)))
        .as("provider calls for the task").hasSize(maxAttempts);
    List<DeliveryStatus> failed = dispatcher.kafka.readAll(dispatcher.topics.deliveryStatus())
        .stream().map(ConsumerRecord::value)
        .filter(status -> status.getOutcome() == DeliveryOutcome.FAILED).toList();
    assertThat(failed).singleElement().satisfies(status -> {
      assertThat(status.getTaskId()).isEqualTo(first.value().getTaskId());
      assertThat(status.getAttempt()).isEqualTo(maxAttempts);
    });
  }

  private long committed(TopicPartition partition) {
    try (Admin admin = broker.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
          dispatcher.prefix + "-send-high").partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(partition);
      return offset == null ? -1 : offset.offset();
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }
}
