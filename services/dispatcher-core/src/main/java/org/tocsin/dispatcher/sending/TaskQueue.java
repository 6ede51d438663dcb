package org.tocsin.dispatcher.sending;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.tocsin.events.v1.Lane;

/** Tasks ready to send, the high lane always taken before the normal lane. */
final class TaskQueue {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<WorkItem> high = new ArrayDeque<>();
  private final ArrayDeque<WorkItem> normal = new ArrayDeque<>();

  void add(WorkItem item) {
    lock.lock();
    try {
      (item.lane == Lane.HIGH ? high : normal).addLast(item);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  void addAll(Collection<WorkItem> items) {
    lock.lock();
    try {
      for (WorkItem item : items) {
        (item.lane == Lane.HIGH ? high : normal).addLast(item);
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  WorkItem take() throws InterruptedException {
    lock.lock();
    try {
      while (high.isEmpty() && normal.isEmpty()) {
        notEmpty.await();
      }
      return high.isEmpty() ? normal.pollFirst() : high.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  int size(Lane lane) {
    lock.lock();
    try {
      return (lane == Lane.HIGH ? high : normal).size();
    } finally {
      lock.unlock();
    }
  }

  void removeIf(Predicate<WorkItem> filter) {
    lock.lock();
    try {
      high.removeIf(filter);
      normal.removeIf(filter);
    } finally {
      lock.unlock();
    }
  }
}
