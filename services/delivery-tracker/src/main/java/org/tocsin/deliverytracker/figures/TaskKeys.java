package org.tocsin.deliverytracker.figures;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A 64-bit key of a task id: its UUID folded, or a name-based UUID of it if it is none. */
public final class TaskKeys {

  private TaskKeys() {
  }

  public static long of(String taskId) {
    UUID uuid = null;
    if (taskId.length() == 36) {
      try {
        uuid = UUID.fromString(taskId);
      } catch (IllegalArgumentException e) {
        uuid = null;
      }
    }
    if (uuid == null) {
      uuid = UUID.nameUUIDFromBytes(taskId.getBytes(StandardCharsets.UTF_8));
    }
    return uuid.getMostSignificantBits() * 0x9E37_79B9_7F4A_7C15L ^ uuid.getLeastSignificantBits();
  }
}
