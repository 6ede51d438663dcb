package org.tocsin.subscriptions.subscriber;

import java.util.List;
import java.util.Set;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.subscriptions.subscriber.Subscriber.Location;

/** What a subscriber chooses besides their contacts, validated. */
record Preferences(String language, List<Location> locations, Set<String> zoneIds,
                   Set<AlertCategory> declinedCategories, Set<AccessibilityNeed> accessibility) {
}
