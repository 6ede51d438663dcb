package org.tocsin.dispatcher.fanout;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tocsin.events.v1.Lane;

/**
 * Priority between the fan-outs of the two lanes, which run at the same time on threads of
 * their own: a normal-lane fan-out waits between two chunks while a high-lane fan-out runs, so
 * that the two cores, the producer and the broker serve the life-safety alert first.
 */
public final class LanePriority {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition highDone = lock.newCondition();
  private int highRunning;

  void started(Lane lane) {
    if (lane == Lane.HIGH) {
      lock.lock();
      try {
        highRunning++;
      } finally {
        lock.unlock();
      }
    }
  }

  void ended(Lane lane) {
    if (lane == Lane.HIGH) {
      lock.lock();
      try {
        highRunning--;
        highDone.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Returns when a fan-out of this lane may write its next chunk. */
  void awaitTurn(Lane lane) throws InterruptedException {
    if (lane == Lane.HIGH) {
      return;
    }
    lock.lock();
    try {
      while (highRunning > 0) {
        highDone.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether a high-lane fan-out is running. */
  public boolean highRunning() {
    lock.lock();
    try {
      return highRunning > 0;
    } finally {
      lock.unlock();
    }
  }
}
