package org.tocsin.deliverytracker.figures;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * Why the failed tasks of a series failed: the provider's error code, else the sender's reason
 * up to its first colon (so that "dead-lettered after 6 attempts: ..." is one reason).
 */
final class FailureReasons {

  private static final int MAX_LENGTH = 80;

  final List<String> reasons = new ArrayList<>();
  final Map<String, Integer> ids = new HashMap<>();
  final Long2IntOpenHashMap reasonOfTask = new Long2IntOpenHashMap();
  final Map<String, Long> counts = new TreeMap<>();

  void failed(long taskKey, DeliveryStatus status) {
    String reason = reasonOf(status);
    Integer id = ids.get(reason);
    if (id == null) {
      reasons.add(reason);
      id = reasons.size() - 1;
      ids.put(reason, id);
    }
    reasonOfTask.put(taskKey, id.intValue());
    counts.merge(reason, 1L, Long::sum);
  }

  void recovered(long taskKey) {
    if (!reasonOfTask.containsKey(taskKey)) {
      return;
    }
    String reason = reasons.get(reasonOfTask.remove(taskKey));
    counts.computeIfPresent(reason, (name, count) -> count <= 1 ? null : count - 1);
  }

  /** The reason this task failed, or null if it is not failed. */
  String reasonOf(long taskKey) {
    return reasonOfTask.containsKey(taskKey) ? reasons.get(reasonOfTask.get(taskKey)) : null;
  }

  static String reasonOf(DeliveryStatus status) {
    if (status == null) {
      return "unknown";
    }
    String reason = status.getErrorCode();
    if (reason == null || reason.isBlank()) {
      reason = status.getReason();
      if (reason != null && reason.indexOf(':') > 0) {
        reason = reason.substring(0, reason.indexOf(':'));
      }
    }
    if (reason == null || reason.isBlank()) {
      return "unknown";
    }
    reason = reason.strip();
    return reason.length() > MAX_LENGTH ? reason.substring(0, MAX_LENGTH) : reason;
  }
}
