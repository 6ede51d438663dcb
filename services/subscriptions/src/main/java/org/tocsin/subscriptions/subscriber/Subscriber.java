package org.tocsin.subscriptions.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;

/**
 * Everything held about one subscriber.
 *
 * @param revision increases with every change
 * @param language nl, fr, de or en
 * @param published whether the subscriptions topic holds a value (not a tombstone) for them
 */
public record Subscriber(UUID id, long revision, String language, List<Contact> contacts,
                         List<Location> locations, List<FollowedZone> zones,
                         Set<AlertCategory> declinedCategories,
                         Set<AccessibilityNeed> accessibility, boolean published,
                         Instant createdAt, Instant changedAt) {

  public List<Contact> verifiedContacts() {
    return contacts.stream().filter(Contact::verified).toList();
  }

  /** A place the subscriber wants alerts for. */
  public record Location(String label, double latitude, double longitude) {
  }

  /**
   * A zone of the catalogue the subscriber follows.
   *
   * @param until end of the zone (an event zone), null if it has none or left the catalogue
   */
  public record FollowedZone(String zoneId, Instant until) {
  }
}
