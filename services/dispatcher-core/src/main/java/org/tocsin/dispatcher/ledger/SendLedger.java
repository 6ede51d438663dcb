package org.tocsin.dispatcher.ledger;

import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;

/**
 * What became of every task of the alerts in force: the record a correction's recipients are
 * taken from, and what keeps a person from getting one alert version twice.
 *
 * <p>The durable record is the delivery-status topic; this is the in-memory index of it, filled
 * at start from the first alert still in force, kept up to date by following the topic (so what
 * other instances did is known before their partitions are taken over) and by this instance's
 * own outcomes as soon as it has them. Alert tasks are indexed by alert, version and subscriber,
 * not by task or address: a person reached once by a version is not reached again by it, at
 * whatever address, and a correction finds everyone an earlier version was sent or attempted
 * to by subscriber id. Verification tasks are indexed by task id and kept for two periods of
 * {@code verificationRetention}.
 */
public final class SendLedger {

  /** A provider call was made for the task: it may have reached the person. */
  private static final int ATTEMPTED = 1;
  /** No provider call will be made any more: sent, delivered, or failed for good. */
  private static final int FINISHED = 2;
  /** A provider accepted it. */
  private static final int REACHED = 4;
  /** It ended without a provider call (expired, cancelled, skipped). */
  private static final int ENDED = 8;

  private final Duration verificationRetention;
  private final Map<String, Int2ObjectMap<Long2IntOpenHashMap>> byAlert = new HashMap<>();
  private Long2IntOpenHashMap verifications = new Long2IntOpenHashMap();
  private Long2IntOpenHashMap previousVerifications = new Long2IntOpenHashMap();
  private Instant verificationsSince = Instant.now();

  public SendLedger(Duration verificationRetention) {
    this.verificationRetention = verificationRetention;
  }

  /** Records a status read from the delivery-status topic or written by this instance. */
  public void record(DeliveryStatus status) {
    record(LedgerEntry.of(status));
  }

  public synchronized void record(LedgerEntry entry) {
    int flags = flags(entry.outcome());
    if (flags == 0) {
      return;
    }
    if (entry.alertId() == null) {
      verifications.mergeInt(entry.taskKey(), flags, (old, added) -> old | added);
    } else if (entry.subscriberKey() != 0) {
      byAlert.computeIfAbsent(entry.alertId(), id -> new Int2ObjectOpenHashMap<>())
          .computeIfAbsent(entry.version(), version -> new Long2IntOpenHashMap())
          .mergeInt(entry.subscriberKey(), flags, (old, added) -> old | added);
    }
  }

  /**
   * Whether no provider call must be made for this task any more: the person was sent this
   * version (or it failed for good), whatever the task's address; a verification task that
   * ended.
   */
  public synchronized boolean finished(DeliveryTask task) {
    if (task.getAlertId() == null) {
      long key = LedgerKeys.of(task.getTaskId());
      return ((verifications.get(key) | previousVerifications.get(key)) & (FINISHED | ENDED))
          != 0;
    }
    return (flags(task.getAlertId(), task.getAlertVersion(), task.getSubscriberId()) & FINISHED)
        != 0;
  }

  /** Whether a provider call was made for this person and alert version (it may have reached them). */
  public synchronized boolean attempted(String alertId, int version, String subscriberId) {
    return (flags(alertId, version, subscriberId) & ATTEMPTED) != 0;
  }

  /** Whether a provider accepted this alert version for this person. */
  public synchronized boolean reached(String alertId, int version, String subscriberId) {
    return (flags(alertId, version, subscriberId) & REACHED) != 0;
  }

  /**
   * The {@link LedgerKeys} of every subscriber for whom a provider call was made for a version
   * of the alert older than {@code version}: whom its correction must reach.
   */
  public synchronized LongSet attemptedBefore(String alertId, int version) {
    LongSet keys = new LongOpenHashSet();
    Int2ObjectMap<Long2IntOpenHashMap> versions = byAlert.get(alertId);
    if (versions == null) {
      return keys;
    }
    for (Int2ObjectMap.Entry<Long2IntOpenHashMap> earlier : versions.int2ObjectEntrySet()) {
      if (earlier.getIntKey() < version) {
        for (Long2IntMap.Entry entry : earlier.getValue().long2IntEntrySet()) {
          if ((entry.getIntValue() & ATTEMPTED) != 0) {
            keys.add(entry.getLongKey());
          }
        }
      }
    }
    return keys;
  }

  /** Forgets the tasks of alerts for which {@code ended} holds, and old verifications. */
  public synchronized void forget(Predicate<String> ended, Instant now) {
    byAlert.keySet().removeIf(ended);
    if (Duration.between(verificationsSince, now).compareTo(verificationRetention) > 0) {
      previousVerifications = verifications;
      verifications = new Long2IntOpenHashMap();
      verificationsSince = now;
    }
  }

  public synchronized long size() {
    long size = verifications.size() + previousVerifications.size();
    for (Int2ObjectMap<Long2IntOpenHashMap> versions : byAlert.values()) {
      for (Long2IntOpenHashMap people : versions.values()) {
        size += people.size();
      }
    }
    return size;
  }

  private int flags(String alertId, int version, String subscriberId) {
    Int2ObjectMap<Long2IntOpenHashMap> versions = byAlert.get(alertId);
    Long2IntOpenHashMap people = versions == null ? null : versions.get(version);
    return people == null ? 0 : people.get(LedgerKeys.of(subscriberId));
  }

  private static int flags(DeliveryOutcome outcome) {
    return switch (outcome) {
      case SENT, DELIVERED -> ATTEMPTED | FINISHED | REACHED;
      case FAILED -> ATTEMPTED | FINISHED;
      case RETRYING -> ATTEMPTED;
      case EXPIRED, CANCELLED, SKIPPED -> ENDED;
      case FANNED_OUT, UNKNOWN -> 0;
    };
  }
}
