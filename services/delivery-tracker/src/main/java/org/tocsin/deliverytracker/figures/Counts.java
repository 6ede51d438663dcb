package org.tocsin.deliverytracker.figures;

import java.util.EnumMap;
import java.util.Map;

/** How many tasks are in each {@link Category}. */
public final class Counts {

  private final long[] counts = new long[Category.ALL.length];

  /** Moves a task whose flags went from {@code before} to {@code after}. */
  void change(int before, int after) {
    for (Category category : Category.ALL) {
      counts[category.ordinal()] += category.change(before, after);
    }
  }

  /** Adds a task with these flags (one whose place here was not known before). */
  void add(int flags) {
    change(0, flags);
  }

  public long get(Category category) {
    return counts[category.ordinal()];
  }

  void set(Category category, long value) {
    counts[category.ordinal()] = value;
  }

  public Map<Category, Long> asMap() {
    Map<Category, Long> map = new EnumMap<>(Category.class);
    for (Category category : Category.ALL) {
      map.put(category, counts[category.ordinal()]);
    }
    return map;
  }
}
