package org.tocsin.deliverytracker.deadletter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.security.Person;
import org.tocsin.events.topics.Topics;

/**
 * Puts dead letters back on their lane. A letter is claimed in the database first (so two
 * replays never both take it), its task is refused if a provider accepted it already, and the
 * replay and every letter's outcome are audited in the same transaction as the claims: a replay
 * whose write to Kafka fails leaves no claim behind. The dispatcher then applies its send-time
 * rules (expiry, cancel, supersession, erasure) and its ledger to the task as to any other.
 */
public final class DeadLetterReplay {

  private final DeadLetters letters;
  private final DeadLetterRecords records;
  private final DeliveryState state;
  private final Topics topics;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public DeadLetterReplay(DeadLetters letters, DeadLetterRecords records, DeliveryState state,
                          Topics topics, TransactionTemplate transactions, Clock clock) {
    this.letters = letters;
    this.records = records;
    this.state = state;
    this.topics = topics;
    this.transactions = transactions;
    this.clock = clock;
  }

  public synchronized ReplayReport replay(Person person, ReplayRequest request) {
    UUID id = UUID.randomUUID();
    var at = clock.instant();
    List<DeadLetterKey> selected = request.letters() != null && !request.letters().isEmpty()
        ? request.letters()
        : letters.list(request.channel(), request.alertId(), true, 10_000).stream()
            .map(letter -> new DeadLetterKey(letter.topic(), letter.partition(),
                letter.offset())).toList();
    String selection = request.alertId() != null
        ? "alert " + request.alertId() + (request.channel() == null ? "" : " on "
            + request.channel())
        : selected.size() + " listed";
    return transactions.execute(status -> {
      List<ReplayReport.Item> items = new ArrayList<>();
      for (DeadLetterKey key : selected) {
        items.add(replayOne(key, id));
      }
      letters.audit(id, at, person, request.reason(), selection, items);
      int replayed = (int) items.stream()
          .filter(item -> item.outcome() == ReplayOutcome.REPLAYED).count();
      return new ReplayReport(id, at, person.name(), replayed, items);
    });
  }

  private ReplayReport.Item replayOne(DeadLetterKey key, UUID replay) {
    DeadLetter letter = letters.find(key);
    if (letter == null) {
      return new ReplayReport.Item(key, null, ReplayOutcome.UNKNOWN);
    }
    if (letter.replayedBy() != null || !letters.claim(key, replay)) {
      return new ReplayReport.Item(key, letter.taskId(), ReplayOutcome.ALREADY_REPLAYED);
    }
    if (wasSent(letter)) {
      return new ReplayReport.Item(key, letter.taskId(), ReplayOutcome.ALREADY_SENT);
    }
    var record = records.fetch(key);
    if (record.isEmpty()) {
      return new ReplayReport.Item(key, letter.taskId(), ReplayOutcome.GONE);
    }
    records.writeBack(topics.deliveries(letter.channel(), letter.lane()).name(), record.get(),
        replay.toString());
    return new ReplayReport.Item(key, letter.taskId(), ReplayOutcome.REPLAYED);
  }

  private boolean wasSent(DeadLetter letter) {
    return Boolean.TRUE.equals(state.read(all -> {
      SeriesFigures series = all.existing(new SeriesKey(letter.alertId(), letter.alertVersion(),
          letter.channel()));
      return series != null && series.wasSent(letter.taskId());
    }));
  }
}
