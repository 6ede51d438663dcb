package org.tocsin.deliverytracker.figures;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

/**
 * Where a series' tasks lie on their lane's topic: the first and last offset seen per
 * partition, so that a look-up for one contact reads only that stretch of one partition.
 */
public final class TaskRanges {

  final Int2LongOpenHashMap first = new Int2LongOpenHashMap();
  final Int2LongOpenHashMap last = new Int2LongOpenHashMap();

  void add(int partition, long offset) {
    if (!first.containsKey(partition) || offset < first.get(partition)) {
      first.put(partition, offset);
    }
    if (!last.containsKey(partition) || offset > last.get(partition)) {
      last.put(partition, offset);
    }
  }

  /** The first offset of the series' tasks on this partition, or -1 if none was seen. */
  public long first(int partition) {
    return first.getOrDefault(partition, -1L);
  }

  /** The last offset of the series' tasks on this partition, or -1 if none was seen. */
  public long last(int partition) {
    return last.getOrDefault(partition, -1L);
  }
}
