package org.tocsin.dispatcher.sending;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which copy of a task makes its attempts. A task can be on its lane twice (a late
 * subscriber's pass writes the very task the fan-out wrote, a fan-out chunk is redone), and
 * each copy read counts its own attempts: the copy that made the first provider call makes
 * every further one until it ends, while any other copy waits, and then finds the task finished
 * in the ledger. So a task gets at most {@code maxAttempts} calls, and never two copies in
 * back-off at once. A copy whose partition was given up holds nothing: the copy read again
 * takes over.
 */
final class AttemptingCopies {

  private final Map<String, WorkItem> byTask = new ConcurrentHashMap<>();

  /** Whether another copy of this item's task makes its attempts (in a call or between them). */
  boolean anotherCopyAttempts(WorkItem item) {
    WorkItem holder = byTask.get(item.task.getTaskId());
    return holder != null && holder != item && !holder.progress.revoked();
  }

  /** This copy makes a provider call; from now on it makes the task's attempts. */
  void attempting(WorkItem item) {
    byTask.put(item.task.getTaskId(), item);
  }

  /** This copy is done with: finished, quarantined. */
  void done(WorkItem item) {
    byTask.remove(item.task.getTaskId(), item);
  }

  /** Forgets the copies whose partitions were given up. */
  void forgetGivenUp() {
    byTask.values().removeIf(item -> item.progress.revoked());
  }
}
