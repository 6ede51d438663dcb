package org.tocsin.dispatcher.sending;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * The tasks of one partition read but not finished. Tasks finish out of order (concurrent
 * sends, retries), so the offset committed is that of the oldest unfinished task: a restart
 * reads again from there, and the ledger tells which of those already ended.
 */
final class PartitionProgress {

  private final TopicPartition partition;
  private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
  private final AtomicInteger unfinishedCount = new AtomicInteger();
  private final AtomicInteger dispatched = new AtomicInteger();
  private final AtomicInteger awaitingStatus = new AtomicInteger();
  private volatile long nextOffset = -1;
  private volatile boolean revoked;

  PartitionProgress(TopicPartition partition) {
    this.partition = partition;
  }

  TopicPartition partition() {
    return partition;
  }

  void read(long offset) {
    if (unfinished.add(offset)) {
      unfinishedCount.incrementAndGet();
    }
    nextOffset = offset + 1;
  }

  void finished(long offset) {
    if (unfinished.remove(offset)) {
      unfinishedCount.decrementAndGet();
    }
  }

  /** The offset to commit, or -1 if nothing was read yet. */
  long committable() {
    Long oldest = unfinished.ceiling(Long.MIN_VALUE);
    return oldest != null ? oldest : nextOffset;
  }

  int unfinishedCount() {
    return unfinishedCount.get();
  }

  /**
   * Tasks read and not done with: unfinished, less those that only wait for their status to be
   * stored (during a delivery-status outage they are many, and they must not stop the lane).
   */
  int unsentCount() {
    return unfinishedCount.get() - awaitingStatus.get();
  }

  /** A task's status was handed to the status outbox; its offset waits until it is stored. */
  void statusHandedOver() {
    awaitingStatus.incrementAndGet();
  }

  void statusStored() {
    awaitingStatus.decrementAndGet();
  }

  void dispatched() {
    dispatched.incrementAndGet();
  }

  void returned() {
    dispatched.decrementAndGet();
  }

  /** Tasks handed to a provider call and not back yet. */
  int inProvider() {
    return dispatched.get();
  }

  void revoke() {
    revoked = true;
  }

  boolean revoked() {
    return revoked;
  }
}
