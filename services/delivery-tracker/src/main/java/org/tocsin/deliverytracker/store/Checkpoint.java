package org.tocsin.deliverytracker.store;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.deadletter.DeadLetter;
import org.tocsin.deliverytracker.quarantine.QuarantineEntry;

/**
 * What one checkpoint stores, in one transaction: the next offset of every partition read, and
 * everything those records changed.
 */
public record Checkpoint(Map<TopicPartition, Long> offsets, List<AlertVersion> alerts,
                         List<SeriesBlob> series, List<DeadLetter> deadLetters,
                         List<QuarantineEntry> quarantined) {

  /**
   * A series' figures, and the states of its tasks that changed (or of all its tasks, when
   * {@code fullSet}).
   */
  public record SeriesBlob(String alertId, int version, String channel, byte[] figures,
                           byte[] taskStates, boolean fullSet) {
  }

  public boolean isEmpty() {
    return offsets.isEmpty() && alerts.isEmpty() && series.isEmpty() && deadLetters.isEmpty()
        && quarantined.isEmpty();
  }
}
