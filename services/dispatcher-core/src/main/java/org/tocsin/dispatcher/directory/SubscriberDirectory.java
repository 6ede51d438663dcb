package org.tocsin.dispatcher.directory;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.dispatcher.area.AlertArea;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Location;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneSubscription;

/**
 * The subscribers who have a verified contact of one channel, as a dispatcher needs them at
 * alert time: where they live, which named zones they follow, their language, the categories
 * they declined and the one address to reach them at.
 *
 * <p>Memory is part of the design (a national directory holds millions): subscribers live in
 * slots of parallel primitive arrays, positions are 32-bit fixed-point degrees, and the spatial
 * index is a grid of 0.02-degree cells, each holding the int references of the locations in it.
 * A slot freed by an erasure is reused.
 *
 * <p>One writer (the follower of the subscriptions topic) and many readers, through a
 * read-write lock; a match copies what it needs under the read lock.
 */
public final class SubscriberDirectory {

  /** Grid cell size, in 1e-7 degrees: 0.02 degrees, about 2 km. */
  static final int CELL_E7 = 200_000;
  private static final int COLUMNS = (int) (3_600_000_000L / CELL_E7) + 1;
  private static final double E7 = 1e7;
  private static final int LOCATION_BITS = 3;
  private static final int MAX_LOCATIONS = 1 << LOCATION_BITS;
  private static final int INITIAL_SLOTS = 1024;

  private final Channel channel;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final Object2IntOpenHashMap<String> slotById = new Object2IntOpenHashMap<>();
  private final IntArrayList freeSlots = new IntArrayList();
  private int slotsInUse;
  private int highWater;

  private String[] ids = new String[INITIAL_SLOTS];
  private long[] revisions = new long[INITIAL_SLOTS];
  private String[] addresses = new String[INITIAL_SLOTS];
  private PushKeys[] pushKeys;
  private long[] changedAt = new long[INITIAL_SLOTS];
  private byte[] languages = new byte[INITIAL_SLOTS];
  private short[] declined = new short[INITIAL_SLOTS];
  private int[][] locations = new int[INITIAL_SLOTS][];
  private int[][] zones = new int[INITIAL_SLOTS][];
  private long[][] zoneEnds = new long[INITIAL_SLOTS][];

  private final Int2ObjectOpenHashMap<IntArrayList> cells = new Int2ObjectOpenHashMap<>();
  private final Object2IntOpenHashMap<String> zoneIndex = new Object2IntOpenHashMap<>();
  private final List<String> zoneNames = new ArrayList<>();
  private final List<IntArrayList> zoneMembers = new ArrayList<>();
  private final List<String> languageTable = new ArrayList<>();

  public SubscriberDirectory(Channel channel) {
    this.channel = channel;
    slotById.defaultReturnValue(-1);
    zoneIndex.defaultReturnValue(-1);
  }

  public Channel channel() {
    return channel;
  }

  /**
   * A change read from the subscriptions topic: the whole new state, or null for an erasure.
   *
   * @param recordedAt the record's timestamp (epoch milliseconds)
   */
  public record Change(String subscriberId, SubscriberChanged state, long recordedAt) {
  }

  /** Applies changes in order under one write lock. */
  public void apply(Collection<Change> changes) {
    lock.writeLock().lock();
    try {
      for (Change change : changes) {
        applyOne(change.subscriberId(), change.state(), change.recordedAt());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return slotsInUse;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Whether this subscriber is still in the directory with this address: false once erased,
   * once the contact was removed or changed, or once it is no longer verified.
   */
  public boolean reaches(String subscriberId, String address) {
    lock.readLock().lock();
    try {
      int slot = slotById.getInt(subscriberId);
      return slot >= 0 && addresses[slot].equals(address);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Everyone an alert targets on this channel: whose location lies in the area, or who follows
   * one of the zones (an event-zone subscription counts only if it ends after
   * {@code zonesValidAt}), less those who declined every category of the alert unless it is
   * life-safety. One recipient per subscriber, in a deterministic order (see {@link Recipients}).
   */
  public Recipients match(AlertArea area, List<String> alertZoneIds, long zonesValidAt,
                          Collection<AlertCategory> categories, boolean lifeSafety) {
    return match(area, alertZoneIds, zonesValidAt, categories, lifeSafety, null);
  }

  /**
   * The recipients of a correction: those {@link #match} finds for its area (none if
   * {@code area} is null), and every subscriber still in the directory whom an earlier version
   * reached or was attempted for ({@code earlierRecipients}), wherever they are now and whatever
   * they follow or declined. An erased subscriber is in neither.
   */
  public Recipients match(AlertArea area, List<String> alertZoneIds, long zonesValidAt,
                          Collection<AlertCategory> categories, boolean lifeSafety,
                          Predicate<String> earlierRecipients) {
    short alertCategories = categoryMask(categories);
    lock.readLock().lock();
    try {
      long[] selected = new long[(highWater >> 6) + 1];
      int[][] followedZones = null;
      if (area != null) {
        markLocationsInside(area, selected);
        if (!alertZoneIds.isEmpty()) {
          followedZones = new int[highWater][];
          for (int z = 0; z < alertZoneIds.size(); z++) {
            markZoneFollowers(alertZoneIds.get(z), z, zonesValidAt, selected, followedZones);
          }
        }
        for (int word = 0; word < selected.length; word++) {
          long bits = selected[word];
          while (bits != 0) {
            int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (!lifeSafety && alertCategories != 0
                && (alertCategories & ~declined[slot]) == 0) {
              selected[word] &= ~(1L << slot);
            }
          }
        }
      }
      if (earlierRecipients != null) {
        for (int slot = 0; slot < highWater; slot++) {
          if (ids[slot] != null && earlierRecipients.test(ids[slot])) {
            selected[slot >> 6] |= 1L << slot;
          }
        }
      }
      IntArrayList slots = new IntArrayList();
      for (int word = 0; word < selected.length; word++) {
        long bits = selected[word];
        while (bits != 0) {
          slots.add((word << 6) + Long.numberOfTrailingZeros(bits));
          bits &= bits - 1;
        }
      }
      return Recipients.of(slots, ids, addresses, pushKeys, languages, languageTable,
          followedZones);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Those of {@code subscriberIds} whom an alert targets now (as {@link #match} decides for one
   * subscriber): how a subscriber who registered, moved in or followed a zone after the alert's
   * fan-out is found.
   */
  public Recipients matchAmong(Collection<String> subscriberIds, AlertArea area,
                               List<String> alertZoneIds, long zonesValidAt,
                               Collection<AlertCategory> categories, boolean lifeSafety) {
    short alertCategories = categoryMask(categories);
    lock.readLock().lock();
    try {
      IntArrayList slots = new IntArrayList();
      int[][] followedZones = alertZoneIds.isEmpty() ? null : new int[highWater][];
      for (String subscriberId : new LinkedHashSet<>(subscriberIds)) {
        int slot = slotById.getInt(subscriberId);
        if (slot < 0 || (!lifeSafety && alertCategories != 0
            && (alertCategories & ~declined[slot]) == 0)) {
          continue;
        }
        boolean inside = locatedIn(slot, area);
        for (int z = 0; z < alertZoneIds.size(); z++) {
          int zone = zoneIndex.getInt(alertZoneIds.get(z));
          if (zone >= 0 && follows(slot, zone) && zoneEnd(slot, zone) > zonesValidAt) {
            int[] followed = followedZones[slot];
            followedZones[slot] = followed == null ? new int[] {z} : appended(followed, z);
            inside = true;
          }
        }
        if (inside) {
          slots.add(slot);
        }
      }
      return Recipients.of(slots, ids, addresses, pushKeys, languages, languageTable,
          followedZones);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Those of {@code subscriberIds} still in the directory, wherever they are. */
  public Recipients among(Collection<String> subscriberIds) {
    lock.readLock().lock();
    try {
      IntArrayList slots = new IntArrayList();
      for (String subscriberId : new LinkedHashSet<>(subscriberIds)) {
        int slot = slotById.getInt(subscriberId);
        if (slot >= 0) {
          slots.add(slot);
        }
      }
      return Recipients.of(slots, ids, addresses, pushKeys, languages, languageTable, null);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The subscribers whose latest change was recorded at or after {@code epochMillis}. */
  public List<String> changedSince(long epochMillis) {
    lock.readLock().lock();
    try {
      List<String> changed = new ArrayList<>();
      for (int slot = 0; slot < highWater; slot++) {
        if (ids[slot] != null && changedAt[slot] >= epochMillis) {
          changed.add(ids[slot]);
        }
      }
      return changed;
    } finally {
      lock.readLock().unlock();
    }
  }

  private boolean locatedIn(int slot, AlertArea area) {
    int[] positions = locations[slot];
    if (positions == null || area.envelope() == null) {
      return false;
    }
    for (int i = 0; i < positions.length; i += 2) {
      if (area.contains(positions[i] / E7, positions[i + 1] / E7)) {
        return true;
      }
    }
    return false;
  }

  private void markLocationsInside(AlertArea area, long[] selected) {
    Envelope envelope = area.envelope();
    if (envelope == null) {
      return;
    }
    int firstRow = row(toE7(envelope.getMinY()));
    int lastRow = row(toE7(envelope.getMaxY()));
    int firstColumn = column(toE7(envelope.getMinX()));
    int lastColumn = column(toE7(envelope.getMaxX()));
    long candidates = (long) (lastRow - firstRow + 1) * (lastColumn - firstColumn + 1);
    if (candidates <= cells.size()) {
      for (int row = firstRow; row <= lastRow; row++) {
        for (int column = firstColumn; column <= lastColumn; column++) {
          IntArrayList refs = cells.get(row * COLUMNS + column);
          if (refs != null) {
            markCell(area, row, column, refs, selected);
          }
        }
      }
    } else {
      for (Int2ObjectOpenHashMap.Entry<IntArrayList> cell : cells.int2ObjectEntrySet()) {
        int row = cell.getIntKey() / COLUMNS;
        int column = cell.getIntKey() % COLUMNS;
        if (row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn) {
          markCell(area, row, column, cell.getValue(), selected);
        }
      }
    }
  }

  private void markCell(AlertArea area, int row, int column, IntArrayList refs,
                        long[] selected) {
    double south = row * (CELL_E7 / E7) - 90;
    double west = column * (CELL_E7 / E7) - 180;
    AlertArea.Coverage coverage =
        area.coverage(south, west, south + CELL_E7 / E7, west + CELL_E7 / E7);
    if (coverage == AlertArea.Coverage.OUTSIDE) {
      return;
    }
    int[] elements = refs.elements();
    int count = refs.size();
    for (int i = 0; i < count; i++) {
      int ref = elements[i];
      int slot = ref >>> LOCATION_BITS;
      if (coverage == AlertArea.Coverage.INSIDE) {
        selected[slot >> 6] |= 1L << slot;
      } else {
        int[] position = locations[slot];
        int index = (ref & (MAX_LOCATIONS - 1)) << 1;
        if (area.contains(position[index] / E7, position[index + 1] / E7)) {
          selected[slot >> 6] |= 1L << slot;
        }
      }
    }
  }

  private void markZoneFollowers(String zoneId, int alertZone, long validAt, long[] selected,
                                 int[][] followedZones) {
    int zone = zoneIndex.getInt(zoneId);
    if (zone < 0) {
      return;
    }
    IntArrayList members = zoneMembers.get(zone);
    for (int i = 0; i < members.size(); i++) {
      int slot = members.getInt(i);
      if (zoneEnd(slot, zone) > validAt) {
        selected[slot >> 6] |= 1L << slot;
        int[] followed = followedZones[slot];
        followedZones[slot] = followed == null ? new int[] {alertZone}
            : appended(followed, alertZone);
      }
    }
  }

  private boolean follows(int slot, int zone) {
    int[] followed = zones[slot];
    if (followed != null) {
      for (int each : followed) {
        if (each == zone) {
          return true;
        }
      }
    }
    return false;
  }

  /** When the slot's subscription of a zone it follows ends. */
  private long zoneEnd(int slot, int zone) {
    long[] ends = zoneEnds[slot];
    if (ends == null) {
      return Long.MAX_VALUE;
    }
    int[] followed = zones[slot];
    for (int i = 0; i < followed.length; i++) {
      if (followed[i] == zone) {
        return ends[i];
      }
    }
    return Long.MIN_VALUE;
  }

  // ---- updates ---------------------------------------------------------------------------

  private void applyOne(String subscriberId, SubscriberChanged state, long recordedAt) {
    int slot = slotById.getInt(subscriberId);
    if (state == null) {
      if (slot >= 0) {
        remove(slot);
      }
      return;
    }
    if (slot >= 0 && state.getRevision() <= revisions[slot]) {
      return;
    }
    Contact contact = verifiedContact(state);
    if (contact == null) {
      if (slot >= 0) {
        remove(slot);
      }
      return;
    }
    if (slot < 0) {
      slot = allocate(subscriberId);
    }
    revisions[slot] = state.getRevision();
    changedAt[slot] = recordedAt;
    addresses[slot] = contact.getAddress();
    setPushKeys(slot, contact.getPushKeys());
    languages[slot] = languageIndex(state.getLanguage());
    declined[slot] = categoryMask(state.getDeclinedCategories());
    index(slot, positions(state.getLocations()));
    follow(slot, state.getZones());
  }

  private Contact verifiedContact(SubscriberChanged state) {
    for (Contact contact : state.getContacts()) {
      if (contact.getChannel() == channel && contact.getVerified()
          && contact.getAddress() != null && !contact.getAddress().isBlank()) {
        return contact;
      }
    }
    return null;
  }

  private int allocate(String subscriberId) {
    int slot;
    if (!freeSlots.isEmpty()) {
      slot = freeSlots.popInt();
    } else {
      if (highWater == ids.length) {
        grow();
      }
      slot = highWater++;
    }
    ids[slot] = subscriberId;
    revisions[slot] = Long.MIN_VALUE;
    slotById.put(subscriberId, slot);
    slotsInUse++;
    return slot;
  }

  private void remove(int slot) {
    index(slot, null);
    follow(slot, List.of());
    slotById.removeInt(ids[slot]);
    ids[slot] = null;
    addresses[slot] = null;
    setPushKeys(slot, null);
    freeSlots.add(slot);
    slotsInUse--;
  }

  private void index(int slot, int[] newPositions) {
    int[] old = locations[slot];
    if (Arrays.equals(old, newPositions)) {
      return;
    }
    if (old != null) {
      for (int i = 0; i < old.length / 2; i++) {
        int cell = cellOf(old[2 * i], old[2 * i + 1]);
        IntArrayList refs = cells.get(cell);
        if (refs != null) {
          refs.rem((slot << LOCATION_BITS) | i);
          if (refs.isEmpty()) {
            cells.remove(cell);
          }
        }
      }
    }
    locations[slot] = newPositions;
    if (newPositions != null) {
      for (int i = 0; i < newPositions.length / 2; i++) {
        cells.computeIfAbsent(cellOf(newPositions[2 * i], newPositions[2 * i + 1]),
            key -> new IntArrayList(4)).add((slot << LOCATION_BITS) | i);
      }
    }
  }

  private void follow(int slot, List<ZoneSubscription> subscriptions) {
    int[] old = zones[slot];
    if (old != null) {
      for (int zone : old) {
        zoneMembers.get(zone).rem(slot);
      }
    }
    if (subscriptions.isEmpty()) {
      zones[slot] = null;
      zoneEnds[slot] = null;
      return;
    }
    int[] followed = new int[subscriptions.size()];
    long[] ends = null;
    int count = 0;
    for (ZoneSubscription subscription : subscriptions) {
      int zone = internZone(subscription.getZoneId());
      boolean duplicate = false;
      for (int i = 0; i < count; i++) {
        duplicate |= followed[i] == zone;
      }
      if (duplicate) {
        continue;
      }
      Long until = subscription.getUntilEpochMillis();
      if (until != null) {
        if (ends == null) {
          ends = new long[followed.length];
          Arrays.fill(ends, Long.MAX_VALUE);
        }
        ends[count] = until;
      }
      followed[count++] = zone;
      zoneMembers.get(zone).add(slot);
    }
    zones[slot] = count == followed.length ? followed : Arrays.copyOf(followed, count);
    zoneEnds[slot] = ends == null ? null : Arrays.copyOf(ends, count);
  }

  private int internZone(String zoneId) {
    int zone = zoneIndex.getInt(zoneId);
    if (zone < 0) {
      zone = zoneNames.size();
      zoneNames.add(zoneId);
      zoneMembers.add(new IntArrayList());
      zoneIndex.put(zoneId, zone);
    }
    return zone;
  }

  private byte languageIndex(String language) {
    String normalised = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
    int index = languageTable.indexOf(normalised);
    if (index < 0) {
      if (languageTable.size() == Byte.MAX_VALUE) {
        return 0;
      }
      languageTable.add(normalised);
      index = languageTable.size() - 1;
    }
    return (byte) index;
  }

  private void setPushKeys(int slot, PushKeys keys) {
    if (keys == null && pushKeys == null) {
      return;
    }
    if (pushKeys == null) {
      pushKeys = new PushKeys[ids.length];
    }
    pushKeys[slot] = keys;
  }

  private void grow() {
    int capacity = ids.length + (ids.length >> 1);
    ids = Arrays.copyOf(ids, capacity);
    revisions = Arrays.copyOf(revisions, capacity);
    addresses = Arrays.copyOf(addresses, capacity);
    pushKeys = pushKeys == null ? null : Arrays.copyOf(pushKeys, capacity);
    changedAt = Arrays.copyOf(changedAt, capacity);
    languages = Arrays.copyOf(languages, capacity);
    declined = Arrays.copyOf(declined, capacity);
    locations = Arrays.copyOf(locations, capacity);
    zones = Arrays.copyOf(zones, capacity);
    zoneEnds = Arrays.copyOf(zoneEnds, capacity);
  }

  private static int[] positions(List<Location> places) {
    int[] positions = new int[Math.min(places.size(), MAX_LOCATIONS) * 2];
    int count = 0;
    for (Location place : places) {
      double lat = place.getPosition().getLat();
      double lon = place.getPosition().getLon();
      if (count == MAX_LOCATIONS || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        continue;
      }
      positions[2 * count] = toE7(lat);
      positions[2 * count + 1] = toE7(lon);
      count++;
    }
    if (count == 0) {
      return null;
    }
    return count * 2 == positions.length ? positions : Arrays.copyOf(positions, count * 2);
  }

  private static int[] appended(int[] values, int value) {
    int[] longer = Arrays.copyOf(values, values.length + 1);
    longer[values.length] = value;
    return longer;
  }

  static short categoryMask(Collection<AlertCategory> categories) {
    short mask = 0;
    for (AlertCategory category : categories) {
      mask |= (short) (1 << category.ordinal());
    }
    return mask;
  }

  private static int toE7(double degrees) {
    return (int) Math.round(degrees * E7);
  }

  private static int row(int latE7) {
    return Math.floorDiv(latE7 + 900_000_000, CELL_E7);
  }

  private static int column(int lonE7) {
    return Math.floorDiv(lonE7 + 1_800_000_000, CELL_E7);
  }

  private static int cellOf(int latE7, int lonE7) {
    return row(latE7) * COLUMNS + column(lonE7);
  }
}
