package org.tocsin.deliverytracker.ingest;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.deadletter.DeadLetter;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.SeriesCodec;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.quarantine.QuarantineEntry;
import org.tocsin.deliverytracker.store.Checkpoint;

/**
 * Gathers what changed since the last checkpoint. A series' task states are written as a delta
 * of the tasks that changed; once the deltas stored for a series hold more than twice its tasks,
 * all of them are written at once instead, replacing the deltas.
 */
final class Checkpointer {

  private final Map<SeriesKey, Long> storedEntries;
  private final List<AlertVersion> alerts = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<QuarantineEntry> quarantined = new ArrayList<>();

  Checkpointer(Map<SeriesKey, Long> storedEntries) {
    this.storedEntries = new HashMap<>(storedEntries);
  }

  void alert(AlertVersion alert) {
    alerts.add(alert);
  }

  void deadLetter(DeadLetter letter) {
    deadLetters.add(letter);
  }

  void quarantined(QuarantineEntry entry) {
    quarantined.add(entry);
  }

  /** Takes what changed (call under the state's lock), with the offsets it reaches. */
  Checkpoint take(Deliveries deliveries, Map<TopicPartition, Long> offsets) {
    List<Checkpoint.SeriesBlob> series = new ArrayList<>();
    for (SeriesFigures figures : deliveries.allSeries()) {
      if (!figures.changed()) {
        continue;
      }
      Long2LongOpenHashMap changes = figures.takeChanges();
      long stored = storedEntries.getOrDefault(figures.key(), 0L) + changes.size();
      boolean full = stored > 2L * figures.taskCount() && stored > 1000;
      byte[] states = null;
      if (full) {
        Long2LongOpenHashMap all = new Long2LongOpenHashMap(figures.taskCount());
        for (long taskKey : figures.taskKeys()) {
          all.put(taskKey, figures.stateOf(taskKey));
        }
        states = SeriesCodec.tasks(all);
        stored = figures.taskCount();
      } else if (!changes.isEmpty()) {
        states = SeriesCodec.tasks(changes);
      }
      storedEntries.put(figures.key(), stored);
      series.add(new Checkpoint.SeriesBlob(figures.key().alertId(), figures.key().version(),
          figures.key().channel().name(), SeriesCodec.figures(figures), states, full));
    }
    Checkpoint checkpoint = new Checkpoint(Map.copyOf(offsets), List.copyOf(alerts), series,
        List.copyOf(deadLetters), List.copyOf(quarantined));
    alerts.clear();
    deadLetters.clear();
    quarantined.clear();
    return checkpoint;
  }
}
