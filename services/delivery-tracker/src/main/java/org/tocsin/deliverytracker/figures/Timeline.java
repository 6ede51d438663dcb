package org.tocsin.deliverytracker.figures;

import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When things happened, to a resolution: how many in each time bucket of {@code resolution}
 * milliseconds, by the events' own times, so that statuses read late or out of order land where
 * they belong. An entry can be taken back (a time corrected by a later status).
 */
public final class Timeline {

  /** A point of the cumulative curve: by {@code at} (epoch ms), {@code count} in all. */
  public record Point(long at, long count) {
  }

  private final long resolution;
  private final Long2LongOpenHashMap buckets = new Long2LongOpenHashMap();
  private long total;
  private long[] sortedCache;

  public Timeline(long resolutionMillis) {
    if (resolutionMillis <= 0) {
      throw new IllegalArgumentException("resolution must be positive");
    }
    this.resolution = resolutionMillis;
  }

  public void add(long atMillis, long count) {
    long bucket = Math.floorDiv(atMillis, resolution);
    long now = buckets.addTo(bucket, count) + count;
    if (now == 0) {
      buckets.remove(bucket);
    }
    total += count;
    sortedCache = null;
  }

  public long total() {
    return total;
  }

  /** The earliest time an entry was made at (bucket start), or -1 if none. */
  public long first() {
    long[] sorted = sorted();
    return sorted.length == 0 ? -1 : sorted[0] * resolution;
  }

  /**
   * The end of the bucket in which the count reached {@code rank}, or -1 if it has not yet.
   */
  public long timeOfRank(long rank) {
    if (rank <= 0 || rank > total) {
      return -1;
    }
    long cumulative = 0;
    for (long bucket : sorted()) {
      cumulative += buckets.get(bucket);
      if (cumulative >= rank) {
        return (bucket + 1) * resolution;
      }
    }
    return -1;
  }

  /** How many entries are in [{@code from}, {@code to}) (epoch ms). */
  public long countBetween(long from, long to) {
    long first = Math.floorDiv(from, resolution);
    long last = Math.floorDiv(to - 1, resolution);
    long count = 0;
    if (last - first < buckets.size()) {
      for (long bucket = first; bucket <= last; bucket++) {
        count += buckets.get(bucket);
      }
      return count;
    }
    for (Long2LongMap.Entry entry : buckets.long2LongEntrySet()) {
      if (entry.getLongKey() >= first && entry.getLongKey() <= last) {
        count += entry.getLongValue();
      }
    }
    return count;
  }

  /** The cumulative curve, at most {@code maxPoints} points (buckets merged to fit). */
  public List<Point> curve(int maxPoints) {
    long[] sorted = sorted();
    List<Point> points = new ArrayList<>();
    if (sorted.length == 0) {
      return points;
    }
    long first = sorted[0];
    long span = sorted[sorted.length - 1] - first + 1;
    long step = Math.max(1, (span + maxPoints - 1) / Math.max(1, maxPoints));
    long cumulative = 0;
    long group = -1;
    for (long bucket : sorted) {
      long own = (bucket - first) / step;
      if (own != group && group >= 0) {
        points.add(new Point((first + (group + 1) * step) * resolution, cumulative));
      }
      group = own;
      cumulative += buckets.get(bucket);
    }
    points.add(new Point((first + (group + 1) * step) * resolution, cumulative));
    return points;
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(resolution);
    out.writeInt(buckets.size());
    for (Long2LongMap.Entry entry : buckets.long2LongEntrySet()) {
      out.writeLong(entry.getLongKey());
      out.writeLong(entry.getLongValue());
    }
  }

  static Timeline read(DataInput in) throws IOException {
    Timeline timeline = new Timeline(in.readLong());
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      long bucket = in.readLong();
      long count = in.readLong();
      timeline.buckets.put(bucket, count);
      timeline.total += count;
    }
    return timeline;
  }

  private long[] sorted() {
    if (sortedCache == null) {
      long[] keys = buckets.keySet().toLongArray();
      Arrays.sort(keys);
      sortedCache = keys;
    }
    return sortedCache;
  }
}
