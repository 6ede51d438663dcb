package org.tocsin.deliverytracker.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the ingest has got: records read, the last checkpoint, and whether it has read
 * everything that was on the topics when it started (until then its figures are behind).
 */
public final class IngestProgress {

  private final AtomicLong records = new AtomicLong();
  private volatile Map<TopicPartition, Long> startEnds;
  private volatile boolean caughtUp;
  private volatile Instant lastCheckpoint;

  /** A new run reads from the stored offsets: until it catches up again, it is behind. */
  void restarting() {
    startEnds = null;
    caughtUp = false;
  }

  void started(Map<TopicPartition, Long> ends) {
    this.startEnds = Map.copyOf(ends);
  }

  void read(int count) {
    records.addAndGet(count);
  }

  void checkpointed(Instant at) {
    lastCheckpoint = at;
  }

  void caughtUpIf(Map<TopicPartition, Long> positions) {
    if (caughtUp || startEnds == null) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : startEnds.entrySet()) {
      if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
        return;
      }
    }
    caughtUp = true;
  }

  public long records() {
    return records.get();
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  public Instant lastCheckpoint() {
    return lastCheckpoint;
  }
}
