package org.tocsin.dispatcher.sending;

import org.springframework.util.backoff.BackOffExecution;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

/** A task read from a lane, with its place in the partition and its attempts so far. */
final class WorkItem {

  final DeliveryTask task;
  /** The lane the task was read from. */
  final Lane lane;
  final long offset;
  final PartitionProgress progress;
  int attempts;
  /** Failures of handling it that were neither the provider's nor Kafka's. */
  int unexpectedFailures;
  BackOffExecution backOff;

  WorkItem(DeliveryTask task, Lane lane, long offset, PartitionProgress progress) {
    this.task = task;
    this.lane = lane;
    this.offset = offset;
    this.progress = progress;
  }
}
