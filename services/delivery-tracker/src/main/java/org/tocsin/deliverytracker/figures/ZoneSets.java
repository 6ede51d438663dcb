package org.tocsin.deliverytracker.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct lists of named zones the series' tasks follow, each with a small number, so that
 * a task keeps its zones in 16 bits. Number 0 is the empty list.
 */
final class ZoneSets {

  private static final int MAX = 0xFFFF;

  final List<List<String>> sets = new ArrayList<>(List.of(List.of()));
  private final Map<List<String>, Integer> ids = new HashMap<>(Map.of(List.of(), 0));

  int idOf(List<String> zones) {
    if (zones.isEmpty()) {
      return 0;
    }
    Integer id = ids.get(zones);
    if (id != null) {
      return id;
    }
    if (sets.size() > MAX) {
      // More combinations than a task can name: the rest are counted without their zones.
      return 0;
    }
    List<String> copy = List.copyOf(zones);
    sets.add(copy);
    ids.put(copy, sets.size() - 1);
    return sets.size() - 1;
  }

  List<String> zones(int id) {
    return id < sets.size() ? sets.get(id) : List.of();
  }

  void restore(List<List<String>> restored) {
    for (int i = 1; i < restored.size(); i++) {
      sets.add(List.copyOf(restored.get(i)));
      ids.put(sets.get(i), i);
    }
  }
}
