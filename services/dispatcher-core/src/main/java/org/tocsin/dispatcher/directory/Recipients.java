package org.tocsin.dispatcher.directory;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tocsin.events.v1.PushKeys;

/**
 * The recipients of one alert on one channel, copied out of the directory so that producing
 * their tasks needs no lock.
 *
 * <p>They are in a deterministic order that does not depend on how the directory was built:
 * by the hash of the subscriber id, then by the id. A fan-out interrupted after some chunks
 * resumes after the last recipient it committed, even if the directory has changed since.
 */
public final class Recipients {

  /** The order of recipients: {@link String#hashCode()} (fixed by the language), then id. */
  public static final Comparator<String> ORDER =
      Comparator.comparingInt(String::hashCode).thenComparing(Comparator.naturalOrder());

  private final String[] subscriberIds;
  private final String[] addresses;
  private final PushKeys[] pushKeys;
  private final byte[] languages;
  private final String[] languageTable;
  private final int[][] followedZones;

  private Recipients(String[] subscriberIds, String[] addresses, PushKeys[] pushKeys,
                     byte[] languages, String[] languageTable, int[][] followedZones) {
    this.subscriberIds = subscriberIds;
    this.addresses = addresses;
    this.pushKeys = pushKeys;
    this.languages = languages;
    this.languageTable = languageTable;
    this.followedZones = followedZones;
  }

  static Recipients of(IntArrayList slots, String[] ids, String[] addresses, PushKeys[] pushKeys,
                       byte[] languages, List<String> languageTable, int[][] followedZones) {
    int count = slots.size();
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      int slot = slots.getInt(i);
      keys[i] = ((long) ids[slot].hashCode() << 32) | (slot & 0xFFFF_FFFFL);
    }
    Arrays.sort(keys);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = (int) keys[i];
    }
    for (int start = 0; start < count; ) {
      int end = start + 1;
      while (end < count && (keys[end] >> 32) == (keys[start] >> 32)) {
        end++;
      }
      if (end - start > 1) {
        Integer[] tied = new Integer[end - start];
        for (int i = start; i < end; i++) {
          tied[i - start] = order[i];
        }
        Arrays.sort(tied, Comparator.comparing(slot -> ids[slot]));
        for (int i = start; i < end; i++) {
          order[i] = tied[i - start];
        }
      }
      start = end;
    }
    String[] recipientIds = new String[count];
    String[] recipientAddresses = new String[count];
    PushKeys[] recipientKeys = pushKeys == null ? null : new PushKeys[count];
    byte[] recipientLanguages = new byte[count];
    int[][] recipientZones = followedZones == null ? null : new int[count][];
    for (int i = 0; i < count; i++) {
      int slot = order[i];
      recipientIds[i] = ids[slot];
      recipientAddresses[i] = addresses[slot];
      if (recipientKeys != null) {
        recipientKeys[i] = pushKeys[slot];
      }
      recipientLanguages[i] = languages[slot];
      if (recipientZones != null) {
        recipientZones[i] = followedZones[slot];
      }
    }
    return new Recipients(recipientIds, recipientAddresses, recipientKeys, recipientLanguages,
        languageTable.toArray(String[]::new), recipientZones);
  }

  public int size() {
    return subscriberIds.length;
  }

  public String subscriberId(int index) {
    return subscriberIds[index];
  }

  public String address(int index) {
    return addresses[index];
  }

  /** The keys of a Web Push subscription, or null for other channels. */
  public PushKeys pushKeys(int index) {
    return pushKeys == null ? null : pushKeys[index];
  }

  /** The subscriber's preferred language, lower case. */
  public String language(int index) {
    return languageTable[languages[index]];
  }

  /** Positions in the alert's zone id list of the zones this recipient follows; never null. */
  public int[] followedZones(int index) {
    int[] zones = followedZones == null ? null : followedZones[index];
    return zones == null ? new int[0] : zones;
  }

  /** The index of the first recipient that comes after this subscriber id in the order. */
  public int indexAfter(String subscriberId) {
    int low = 0;
    int high = subscriberIds.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (ORDER.compare(subscriberIds[middle], subscriberId) <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
