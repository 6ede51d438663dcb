package org.tocsin.dispatcher.ledger;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * What became of every task of the alerts in force, so that a task is never sent twice and a
 * cancel goes only to those an earlier version reached.
 *
 * <p>The durable ledger is the delivery-status topic itself: every task ends with a status
 * written (acks=all) before its offset is committed. This class is the in-memory index of it,
 * filled from the topic at start (from the first alert still in force), kept up to date by
 * following it (so statuses written by other instances are known before their partitions are
 * taken over) and by this instance's own outcomes. After a crash, only the tasks whose provider
 * call had started but whose status was not yet written are sent again: at most the in-flight
 * window.
 *
 * <p>Entries are grouped by alert and forgotten with it; verification tasks are kept for two
 * periods of {@code verificationRetention}.
 */
public final class SendLedger {

  private static final int DONE = 1;
  private static final int REACHED = 2;
  private static final String VERIFICATIONS = "";

  private final Duration verificationRetention;
  private final Map<String, Long2IntOpenHashMap> byAlert = new HashMap<>();
  private Long2IntOpenHashMap previousVerifications = new Long2IntOpenHashMap();
  private Instant verificationsSince = Instant.now();

  public SendLedger(Duration verificationRetention) {
    this.verificationRetention = verificationRetention;
  }

  /** Records a status read from the delivery-status topic or written by this instance. */
  public void record(DeliveryStatus status) {
    record(status.getAlertId(), status.getTaskId(), status.getOutcome());
  }

  public synchronized void record(String alertId, String taskId, DeliveryOutcome outcome) {
    int flags = flags(outcome);
    if (flags == 0) {
      return;
    }
    bucket(alertId).mergeInt(key(taskId), flags, (old, added) -> old | added);
  }

  /** Whether this task already ended (sent, failed, expired, cancelled or skipped). */
  public synchronized boolean done(String alertId, String taskId) {
    return (lookup(alertId, key(taskId)) & DONE) != 0;
  }

  /** Whether this task was accepted by a provider. */
  public synchronized boolean reached(String alertId, String taskId) {
    return (lookup(alertId, key(taskId)) & REACHED) != 0;
  }

  /** Forgets the tasks of alerts for which {@code ended} holds, and old verifications. */
  public synchronized void forget(Predicate<String> ended, Instant now) {
    byAlert.keySet().removeIf(alertId -> !alertId.equals(VERIFICATIONS) && ended.test(alertId));
    if (Duration.between(verificationsSince, now).compareTo(verificationRetention) > 0) {
      Long2IntOpenHashMap current = byAlert.remove(VERIFICATIONS);
      previousVerifications = current == null ? new Long2IntOpenHashMap() : current;
      verificationsSince = now;
    }
  }

  public synchronized long size() {
    long size = previousVerifications.size();
    for (Long2IntOpenHashMap bucket : byAlert.values()) {
      size += bucket.size();
    }
    return size;
  }

  private int lookup(String alertId, long key) {
    Long2IntOpenHashMap bucket = byAlert.get(alertId == null ? VERIFICATIONS : alertId);
    int flags = bucket == null ? 0 : bucket.get(key);
    if (alertId == null) {
      flags |= previousVerifications.get(key);
    }
    return flags;
  }

  private Long2IntOpenHashMap bucket(String alertId) {
    return byAlert.computeIfAbsent(alertId == null ? VERIFICATIONS : alertId,
        id -> new Long2IntOpenHashMap());
  }

  private static int flags(DeliveryOutcome outcome) {
    return switch (outcome) {
      case SENT, DELIVERED -> DONE | REACHED;
      case FAILED, EXPIRED, CANCELLED, SKIPPED -> DONE;
      case FANNED_OUT, RETRYING, UNKNOWN -> 0;
    };
  }

  /** A 64-bit key of a task id: its UUID folded, or a hash of it if it is not a UUID. */
  static long key(String taskId) {
    UUID uuid;
    if (taskId.length() == 36) {
      try {
        uuid = UUID.fromString(taskId);
      } catch (IllegalArgumentException e) {
        uuid = UUID.nameUUIDFromBytes(taskId.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      uuid = UUID.nameUUIDFromBytes(taskId.getBytes(StandardCharsets.UTF_8));
    }
    return uuid.getMostSignificantBits() * 0x9E37_79B9_7F4A_7C15L ^ uuid.getLeastSignificantBits();
  }
}
