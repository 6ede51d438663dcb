package org.tocsin.deliverytracker.figures;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link Deliveries} shared between the one thread that applies events (a batch at a time,
 * under the write lock) and the threads that read figures (under the read lock).
 */
public final class DeliveryState {

  private final Deliveries deliveries;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  public DeliveryState(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  public void update(Consumer<Deliveries> change) {
    lock.writeLock().lock();
    try {
      change.accept(deliveries);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public <T> T read(Function<Deliveries, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(deliveries);
    } finally {
      lock.readLock().unlock();
    }
  }
}
