package org.tocsin.deliverytracker.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What one replay did, letter by letter; the same is in the audit. */
public record ReplayReport(UUID id, Instant at, String by, int replayed, List<Item> items) {

  public record Item(DeadLetterKey letter, String taskId, ReplayOutcome outcome) {
  }
}
