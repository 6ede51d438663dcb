package org.tocsin.deliverytracker.figures;

import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Lane;

/**
 * Everything the tracker knows of one alert version on one channel, kept exact however its
 * statuses arrive: each task's flags (packed with its zone set and one time) say which
 * categories it is in, and every count, zone figure and timeline moves only when a task enters
 * or leaves a category. A status read twice changes nothing; a DELIVERED read before its SENT
 * counts as sent at once, and its send time is corrected when the SENT comes.
 *
 * <p>Not thread-safe: one ingest thread applies events; readers take {@link SeriesView}s.
 */
public final class SeriesFigures {

  /** Resolution of the series' own timelines. */
  static final long RESOLUTION_MILLIS = 100;
  private static final int FLAG_BITS = 0xFFFF;

  final SeriesKey key;
  final boolean awaitsFinalStatus;
  Lane lane;
  long targeted = -1;
  long fanOutAt;
  String fanOutReason;
  final Counts counts;
  final Timeline sentTimes;
  final Timeline deliveredTimes;
  final Map<String, PartFigures> zones;
  final Map<String, PartFigures> providers;
  final Map<String, Histogram> deliveryLatencies;
  final FailureReasons failures;
  final ZoneSets zoneSets;
  final Long2LongOpenHashMap tasks;
  final Map<Long, Awaiting> awaiting;
  final TaskRanges ranges;
  long lastProgressAt;
  long firstEventAt;
  long lastEventAt;
  ProviderActivity activity = new ProviderActivity();

  private final transient RecentCounts finishedRecently = new RecentCounts();
  private final transient LongOpenHashSet changedTasks = new LongOpenHashSet();
  private transient boolean changed;
  private long duplicates;

  public SeriesFigures(SeriesKey key, boolean awaitsFinalStatus) {
    this(key, awaitsFinalStatus, new Counts(), new Timeline(RESOLUTION_MILLIS),
        new Timeline(RESOLUTION_MILLIS), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
        new FailureReasons(), new ZoneSets(), new Long2LongOpenHashMap(), new java.util.HashMap<>(),
        new TaskRanges());
  }

  SeriesFigures(SeriesKey key, boolean awaitsFinalStatus, Counts counts, Timeline sentTimes,
                Timeline deliveredTimes, Map<String, PartFigures> zones,
                Map<String, PartFigures> providers, Map<String, Histogram> deliveryLatencies,
                FailureReasons failures, ZoneSets zoneSets, Long2LongOpenHashMap tasks,
                Map<Long, Awaiting> awaiting, TaskRanges ranges) {
    this.key = key;
    this.awaitsFinalStatus = awaitsFinalStatus;
    this.counts = counts;
    this.sentTimes = sentTimes;
    this.deliveredTimes = deliveredTimes;
    this.zones = zones;
    this.providers = providers;
    this.deliveryLatencies = deliveryLatencies;
    this.failures = failures;
    this.zoneSets = zoneSets;
    this.tasks = tasks;
    this.awaiting = awaiting;
    this.ranges = ranges;
  }

  public SeriesKey key() {
    return key;
  }

  /** Applies a fan-out report: what the fan-out targeted, in all and per named zone. */
  public void fanOut(DeliveryStatus report, long arrivedAt) {
    if (report.getFanOut() == null) {
      return;
    }
    targeted = report.getFanOut().getTargeted();
    fanOutAt = report.getAt().toEpochMilli();
    fanOutReason = report.getReason();
    if (report.getLane() != null) {
      lane = report.getLane();
    }
    for (Map.Entry<String, Long> zone : report.getFanOut().getTargetedByZone().entrySet()) {
      zones.computeIfAbsent(zone.getKey(), id -> new PartFigures()).targeted(zone.getValue());
    }
    touched(arrivedAt);
  }

  /** A task seen on its lane's topic, at this partition and offset. */
  public void queued(String taskId, Lane taskLane, List<String> zoneIds, long createdAt,
                     int partition, long offset, long arrivedAt) {
    lane = taskLane;
    ranges.add(partition, offset);
    update(TaskKeys.of(taskId), TaskFlags.QUEUED, zoneIds, createdAt, null, arrivedAt);
  }

  /** A status of one of the series' tasks (not a fan-out report). */
  public void status(DeliveryStatus status, long arrivedAt) {
    if (status.getLane() != null && lane == null) {
      lane = status.getLane();
    }
    boolean fromSender = status.getSubscriberId() != null;
    int bit = TaskFlags.of(status.getOutcome(), fromSender);
    if (bit == 0) {
      return;
    }
    update(TaskKeys.of(status.getTaskId()), bit, fromSender ? status.getZoneIds() : null,
        status.getAt().toEpochMilli(), status, arrivedAt);
  }

  private void update(long taskKey, int bit, List<String> knownZones, long at,
                      DeliveryStatus status, long arrivedAt) {
    long state = tasks.get(taskKey);
    int before = (int) (state & FLAG_BITS);
    int zoneSet = (int) ((state >>> 16) & 0xFFFF);
    long keptTime = state >>> 32;
    int after = before | bit;
    boolean zonesArrive = knownZones != null && (before & TaskFlags.ZONES_KNOWN) == 0;
    boolean sendTimeCorrected = bit == TaskFlags.SENT && (before & TaskFlags.SENT) == 0
        && (before & TaskFlags.TIME_IS_DELIVERED) != 0;
    if (after == before && !zonesArrive) {
      duplicates++;
      return;
    }
    if (zonesArrive) {
      zoneSet = zoneSets.idOf(knownZones);
      after |= TaskFlags.ZONES_KNOWN;
      attachZones(zoneSet, before, unpack(keptTime, at));
    }
    List<String> taskZones = (after & TaskFlags.ZONES_KNOWN) != 0 ? zoneSets.zones(zoneSet)
        : List.of();
    PartFigures provider = status == null || status.getProvider() == null ? null
        : providers.computeIfAbsent(status.getProvider(), name -> new PartFigures());
    counts.change(before, after);
    for (String zone : taskZones) {
      zone(zone).counts().change(before, after);
    }
    if (provider != null) {
      provider.counts().change(before, after);
      if ((bit & (TaskFlags.SENT | TaskFlags.SEND_FAILED | TaskFlags.RETRIED)) != 0
          && (before & bit) == 0) {
        activity.attempt(status.getProvider(), bit != TaskFlags.SENT, arrivedAt);
      }
    }
    boolean sentBefore = Category.SENT.contains(before);
    if (!sentBefore && Category.SENT.contains(after)) {
      sentTimes.add(at, 1);
      for (String zone : taskZones) {
        zone(zone).sentTimes().add(at, 1);
      }
      if (provider != null) {
        provider.sentTimes().add(at, 1);
      }
      keptTime = pack(at);
      after |= TaskFlags.TIME_KEPT;
      if (bit == TaskFlags.DELIVERED) {
        after |= TaskFlags.TIME_IS_DELIVERED;
      }
    } else if (sendTimeCorrected) {
      long deliveredAt = unpack(keptTime, at);
      sentTimes.add(deliveredAt, -1);
      sentTimes.add(at, 1);
      for (String zone : taskZones) {
        zone(zone).sentTimes().add(deliveredAt, -1);
        zone(zone).sentTimes().add(at, 1);
      }
      latency(status, deliveredAt - at, arrivedAt);
      keptTime = pack(at);
      after &= ~TaskFlags.TIME_IS_DELIVERED;
    }
    if (bit == TaskFlags.DELIVERED && (before & TaskFlags.DELIVERED) == 0) {
      deliveredTimes.add(at, 1);
      for (String zone : taskZones) {
        zone(zone).deliveredTimes().add(at, 1);
      }
      if (provider != null) {
        provider.deliveredTimes().add(at, 1);
      }
      if ((before & TaskFlags.TIME_KEPT) != 0 && (before & TaskFlags.TIME_IS_DELIVERED) == 0) {
        latency(status, at - unpack(keptTime, at), arrivedAt);
      }
    }
    int failedChange = Category.FAILED.change(before, after);
    if (failedChange > 0) {
      failures.failed(taskKey, status);
    } else if (failedChange < 0) {
      failures.recovered(taskKey);
    }
    if (awaitsFinalStatus && status != null) {
      if (bit == TaskFlags.SENT && (after & (TaskFlags.DELIVERED | TaskFlags.DELIVERY_FAILED)) == 0) {
        awaiting.put(taskKey, new Awaiting(status.getTaskId(), status.getProvider(),
            status.getProviderMessageId(), at, 0, 0));
      } else if ((bit & (TaskFlags.DELIVERED | TaskFlags.DELIVERY_FAILED)) != 0) {
        awaiting.remove(taskKey);
      }
    }
    if (Category.FINISHED.change(before, after) > 0) {
      lastProgressAt = arrivedAt;
      finishedRecently.add(arrivedAt, 1);
    }
    tasks.put(taskKey, (keptTime << 32) | ((long) zoneSet << 16) | (after & FLAG_BITS));
    changedTasks.add(taskKey);
    touched(arrivedAt);
  }

  /** A task's zones become known: it joins their figures with what it had before. */
  private void attachZones(int zoneSet, int flags, long keptAt) {
    for (String zone : zoneSets.zones(zoneSet)) {
      PartFigures part = zone(zone);
      part.counts().add(flags);
      if (Category.SENT.contains(flags)) {
        part.sentTimes().add(keptAt, 1);
      }
      if ((flags & TaskFlags.DELIVERED) != 0) {
        part.deliveredTimes().add(keptAt, 1);
      }
    }
  }

  private void latency(DeliveryStatus status, long millis, long arrivedAt) {
    if (status == null || status.getProvider() == null || millis < 0) {
      return;
    }
    activity.delivered(status.getProvider(), millis, arrivedAt);
    deliveryLatencies.computeIfAbsent(status.getProvider(), name -> new Histogram(2))
        .recordValue(millis);
  }

  private PartFigures zone(String zone) {
    return zones.computeIfAbsent(zone, id -> new PartFigures());
  }

  private void touched(long arrivedAt) {
    if (firstEventAt == 0) {
      firstEventAt = arrivedAt;
    }
    lastEventAt = Math.max(lastEventAt, arrivedAt);
    changed = true;
  }

  /** Marks that a provider was asked for the final status of this message. */
  public void checked(Awaiting message, long at) {
    long taskKey = TaskKeys.of(message.taskId());
    Awaiting current = awaiting.get(taskKey);
    if (current != null) {
      awaiting.put(taskKey, current.checked(at));
      changed = true;
    }
  }

  /** The SENT messages still waiting for a final status. */
  public java.util.Collection<Awaiting> awaiting() {
    return awaiting.values();
  }

  /** The task's flags as the tracker knows them, or 0 if it knows nothing of it. */
  public int flagsOf(String taskId) {
    return (int) (tasks.get(TaskKeys.of(taskId)) & FLAG_BITS);
  }

  /** Whether a provider accepted this task (so that a replay must not send it). */
  public boolean wasSent(String taskId) {
    return Category.SENT.contains(flagsOf(taskId));
  }

  public boolean contains(String taskId, Category category) {
    return category.contains(flagsOf(taskId));
  }

  /** Finished tasks per second over the last {@code window} seconds, by the tracker's clock. */
  public double finishedPerSecond(long now, int window) {
    return finishedRecently.inLast(now, window) / (double) window;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Whether anything changed since the last {@link #takeChanges}. */
  public boolean changed() {
    return changed;
  }

  /** The keys and states of the tasks that changed since the last call, and forgets them. */
  public Long2LongOpenHashMap takeChanges() {
    Long2LongOpenHashMap states = new Long2LongOpenHashMap(changedTasks.size());
    for (long taskKey : changedTasks) {
      states.put(taskKey, tasks.get(taskKey));
    }
    changedTasks.clear();
    changed = false;
    return states;
  }

  /** Task states read back from the store. */
  public void restoreTasks(Long2LongMap states) {
    tasks.putAll(states);
  }

  /** The packed state of a task, as stored. */
  public long stateOf(long taskKey) {
    return tasks.get(taskKey);
  }

  public LongSet taskKeys() {
    return tasks.keySet();
  }

  public int taskCount() {
    return tasks.size();
  }

  /** The low 32 bits of the time's bucket; {@link #unpack} finds the bucket near a reference. */
  private static long pack(long atMillis) {
    return Math.floorDiv(atMillis, RESOLUTION_MILLIS) & 0xFFFF_FFFFL;
  }

  private static long unpack(long low, long nearMillis) {
    long near = Math.floorDiv(nearMillis, RESOLUTION_MILLIS);
    long bucket = (near & ~0xFFFF_FFFFL) | low;
    if (bucket - near > 0x7FFF_FFFFL) {
      bucket -= 0x1_0000_0000L;
    } else if (near - bucket > 0x7FFF_FFFFL) {
      bucket += 0x1_0000_0000L;
    }
    return bucket * RESOLUTION_MILLIS;
  }
}
