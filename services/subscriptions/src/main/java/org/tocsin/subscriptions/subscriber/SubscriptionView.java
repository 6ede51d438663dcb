package org.tocsin.subscriptions.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.subscriptions.subscriber.Subscriber.Location;
import org.tocsin.subscriptions.zone.Zone;

/** A subscription as its holder sees it. */
public record SubscriptionView(UUID subscriptionId, long revision, String language,
                               List<ContactView> contacts, List<Location> locations,
                               List<ZoneView> zones, Set<AlertCategory> declinedCategories,
                               Set<AccessibilityNeed> accessibility, Instant createdAt,
                               Instant changedAt) {

  static SubscriptionView of(Subscriber subscriber, Map<String, Zone> zones) {
    return new SubscriptionView(subscriber.id(), subscriber.revision(), subscriber.language(),
        subscriber.contacts().stream().map(ContactView::of).toList(), subscriber.locations(),
        subscriber.zones().stream().map(followed -> new ZoneView(followed.zoneId(),
            zones.containsKey(followed.zoneId())
                ? zones.get(followed.zoneId()).name(subscriber.language())
                : followed.zoneId(),
            followed.until())).toList(),
        subscriber.declinedCategories(), subscriber.accessibility(), subscriber.createdAt(),
        subscriber.changedAt());
  }

  /**
   * A followed zone.
   *
   * @param until when following it ends (the end of an event zone), null if never
   */
  public record ZoneView(String zoneId, String name, Instant until) {
  }
}
