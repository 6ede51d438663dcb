package org.tocsin.deliverytracker.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.deliverytracker.figures.Statuses.callback;
import static org.tocsin.deliverytracker.figures.Statuses.fromSender;
import static org.tocsin.deliverytracker.figures.Statuses.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;

class SeriesFiguresTest {

  private static final long ISSUED = 1_700_000_000_000L;
  private static final List<String> BRUSSELS = List.of("brussels");

  private final SeriesFigures figures =
      new SeriesFigures(new SeriesKey(Statuses.ALERT, 1, Channel.SMS), true);

  @Test
  void aStatusReadTwiceIsCountedOnce() {
    DeliveryStatus sent = fromSender("t1", DeliveryOutcome.SENT, ISSUED + 1000, BRUSSELS, "tw");
    figures.status(sent, ISSUED);
    figures.status(sent, ISSUED);

    assertThat(figures.counts.get(Category.SENT)).isEqualTo(1);
    assertThat(figures.zones.get("brussels").counts().get(Category.SENT)).isEqualTo(1);
    assertThat(figures.sentTimes.total()).isEqualTo(1);
    assertThat(figures.duplicates()).isEqualTo(1);
  }

  @Test
  void aDeliveredBeforeItsSentCountsAsSentAtOnceAndTakesTheSendTimeOfTheSent() {
    figures.status(callback("t1", DeliveryOutcome.DELIVERED, ISSUED + 5000, "tw", null), ISSUED);

    assertThat(figures.counts.get(Category.SENT)).isEqualTo(1);
    assertThat(figures.counts.get(Category.DELIVERED)).isEqualTo(1);
    assertThat(figures.zones).doesNotContainKey("brussels");

    figures.status(fromSender("t1", DeliveryOutcome.SENT, ISSUED + 2000, BRUSSELS, "tw"), ISSUED);

    assertThat(figures.counts.get(Category.SENT)).isEqualTo(1);
    assertThat(figures.counts.get(Category.FINISHED)).isEqualTo(1);
    assertThat(figures.sentTimes.timeOfRank(1)).isEqualTo(ISSUED + 2100);
    assertThat(figures.sentTimes.total()).isEqualTo(1);
    PartFigures brussels = figures.zones.get("brussels");
    assertThat(brussels.counts().get(Category.SENT)).isEqualTo(1);
    assertThat(brussels.counts().get(Category.DELIVERED)).isEqualTo(1);
    assertThat(brussels.sentTimes().timeOfRank(1)).isEqualTo(ISSUED + 3000);
    assertThat(brussels.sentTimes().total()).isEqualTo(1);
    assertThat(figures.deliveryLatencies.get("tw").getMaxValue()).isBetween(2990L, 3010L);
    assertThat(figures.awaiting).isEmpty();
  }

  @Test
  void aDeadLetterReplayedAndSentLeavesTheFailedCount() {
    figures.status(fromSender("t1", DeliveryOutcome.RETRYING, ISSUED + 1, BRUSSELS, "tw"), ISSUED);
    DeliveryStatus deadLettered = Statuses.deadLettered("t1", ISSUED + 2, BRUSSELS, "20500");
    figures.status(deadLettered, ISSUED);
    assertThat(figures.counts.get(Category.FAILED)).isEqualTo(1);
    assertThat(figures.failures.counts).containsEntry("20500", 1L);

    figures.status(fromSender("t1", DeliveryOutcome.SENT, ISSUED + 60_000, BRUSSELS, "tw"),
        ISSUED);

    assertThat(figures.counts.get(Category.FAILED)).isZero();
    assertThat(figures.counts.get(Category.SENT)).isEqualTo(1);
    assertThat(figures.counts.get(Category.RETRIED)).isEqualTo(1);
    assertThat(figures.counts.get(Category.FINISHED)).isEqualTo(1);
    assertThat(figures.failures.counts).isEmpty();
    assertThat(figures.zones.get("brussels").counts().get(Category.FAILED)).isZero();
  }

  @Test
  void anUndeliveredMessageIsSentAndFailedAndNoLongerAwaited() {
    figures.status(fromSender("t1", DeliveryOutcome.SENT, ISSUED, BRUSSELS, "tw"), ISSUED);
    assertThat(figures.awaiting).hasSize(1);

    figures.status(callback("t1", DeliveryOutcome.FAILED, ISSUED + 10, "tw", "30003"), ISSUED);

    assertThat(figures.counts.get(Category.SENT)).isEqualTo(1);
    assertThat(figures.counts.get(Category.FAILED)).isEqualTo(1);
    assertThat(figures.counts.get(Category.DELIVERED)).isZero();
    assertThat(figures.failures.counts).containsEntry("30003", 1L);
    assertThat(figures.awaiting).isEmpty();
  }

  @Test
  void figuresAreTheSameWhateverTheOrderAndHowOftenStatusesArrive() {
    List<DeliveryStatus> statuses = new ArrayList<>();
    statuses.add(report(300, Map.of("brussels", 100L), ISSUED + 50_000));
    for (int i = 0; i < 300; i++) {
      String task = "task-" + i;
      List<String> zones = i < 100 ? BRUSSELS : List.of();
      long sentAt = ISSUED + 1000 + i * 100L;
      if (i % 10 == 0) {
        statuses.add(fromSender(task, DeliveryOutcome.RETRYING, sentAt - 50, zones, "tw"));
      }
      if (i % 30 == 0) {
        statuses.add(fromSender(task, DeliveryOutcome.FAILED, sentAt, zones, null));
        continue;
      }
      if (i % 50 == 1) {
        statuses.add(fromSender(task, DeliveryOutcome.EXPIRED, sentAt, zones, null));
        continue;
      }
      statuses.add(fromSender(task, DeliveryOutcome.SENT, sentAt, zones, "tw"));
      statuses.add(callback(task, DeliveryOutcome.DELIVERED, sentAt + 2000, "tw", null));
    }
    Map<Category, Long> inOrder = apply(statuses, new Random(1), false).counts.asMap();
    for (int seed = 0; seed < 20; seed++) {
      SeriesFigures shuffled = apply(statuses, new Random(seed), true);
      assertThat(shuffled.counts.asMap()).isEqualTo(inOrder);
      assertThat(shuffled.sentTimes.timeOfRank(150))
          .isEqualTo(apply(statuses, new Random(1), false).sentTimes.timeOfRank(150));
      assertThat(shuffled.zones.get("brussels").counts().get(Category.SENT)).isEqualTo(94);
    }
    assertThat(inOrder).containsEntry(Category.SENT, 284L).containsEntry(Category.FAILED, 10L)
        .containsEntry(Category.EXPIRED, 6L).containsEntry(Category.RETRIED, 30L)
        .containsEntry(Category.FINISHED, 300L).containsEntry(Category.DELIVERED, 284L);
  }

  @Test
  void timingsCountFromTheIssueAndOnlyOnceAShareOfAllTargetedIsReached() {
    figures.fanOut(report(4, Map.of(), ISSUED), ISSUED);
    figures.status(fromSender("a", DeliveryOutcome.SENT, ISSUED + 1_000, List.of(), "tw"), ISSUED);
    figures.status(fromSender("b", DeliveryOutcome.SENT, ISSUED + 2_000, List.of(), "tw"), ISSUED);

    Timings timings = Timings.of(figures.sentTimes, figures.deliveredTimes, 4, ISSUED);
    assertThat(timings.firstSent()).isEqualTo(1_000);
    assertThat(timings.sent50()).isEqualTo(2_100);
    assertThat(timings.sent90()).isNull();
    assertThat(timings.sent100()).isNull();
  }

  private static SeriesFigures apply(List<DeliveryStatus> statuses, Random random,
                                     boolean shuffleAndRepeat) {
    List<DeliveryStatus> order = new ArrayList<>(statuses);
    if (shuffleAndRepeat) {
      order.addAll(statuses.subList(0, statuses.size() / 3));
      Collections.shuffle(order, random);
    }
    SeriesFigures figures = new SeriesFigures(new SeriesKey(Statuses.ALERT, 1, Channel.SMS), true);
    for (DeliveryStatus status : order) {
      if (status.getOutcome() == DeliveryOutcome.FANNED_OUT) {
        figures.fanOut(status, ISSUED);
      } else {
        figures.status(status, ISSUED);
      }
    }
    return figures;
  }
}
