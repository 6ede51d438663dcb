package org.tocsin.deliverytracker.figures;

/**
 * Counts per second of the last two minutes, by the tracker's clock: how fast things go now.
 * Not kept across restarts (a rate is about now).
 */
final class RecentCounts {

  private static final int SECONDS = 120;

  private final long[] counts = new long[SECONDS];
  private final long[] seconds = new long[SECONDS];

  void add(long nowMillis, long count) {
    long second = nowMillis / 1000;
    int slot = (int) (second % SECONDS);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += count;
  }

  /** How many in the {@code window} seconds before the current one (which is still filling). */
  long inLast(long nowMillis, int window) {
    long current = nowMillis / 1000;
    long total = 0;
    for (int back = 1; back <= Math.min(window, SECONDS - 1); back++) {
      long second = current - back;
      int slot = (int) (second % SECONDS);
      if (seconds[slot] == second) {
        total += counts[slot];
      }
    }
    return total;
  }
}
