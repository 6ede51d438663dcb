package org.tocsin.deliverytracker.figures;

/**
 * Counts per second of the last minutes, by the tracker's clock: how fast things go now. Not
 * kept across restarts (a rate is about now).
 */
final class RecentCounts {

  private final int size;
  private final long[] counts;
  private final long[] seconds;

  RecentCounts() {
    this(120);
  }

  RecentCounts(int seconds) {
    this.size = seconds;
    this.counts = new long[seconds];
    this.seconds = new long[seconds];
  }

  void add(long nowMillis, long count) {
    long second = nowMillis / 1000;
    int slot = (int) (second % size);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += count;
  }

  /** How many in the {@code window} seconds before the current one (which is still filling). */
  long inLast(long nowMillis, int window) {
    return between(nowMillis, 1, window);
  }

  /** How many from {@code fromBack} to {@code toBack} seconds before the current one. */
  long between(long nowMillis, int fromBack, int toBack) {
    long current = nowMillis / 1000;
    long total = 0;
    for (int back = fromBack; back <= Math.min(toBack, size - 1); back++) {
      long second = current - back;
      int slot = (int) (second % size);
      if (seconds[slot] == second) {
        total += counts[slot];
      }
    }
    return total;
  }
}
