package org.tocsin.subscriptions.zone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tocsin.events.v1.ZoneKind;

/**
 * A named zone of the catalogue that alert-intake owns, as citizens choose it (no geometry).
 *
 * @param names name per language tag
 * @param latitude latitude of a point inside the zone
 * @param longitude longitude of that point
 * @param validUntil end of an event zone, null for a zone without end
 */
public record Zone(String zoneId, ZoneKind kind, Map<String, String> names, String parentId,
                   List<String> postcodes, double latitude, double longitude,
                   Instant validUntil) {

  /** The name in {@code language}, else in English, else any. */
  public String name(String language) {
    if (names.containsKey(language)) {
      return names.get(language);
    }
    if (names.containsKey("en")) {
      return names.get("en");
    }
    return names.values().stream().findFirst().orElse(zoneId);
  }

  public boolean endedAt(Instant instant) {
    return validUntil != null && !validUntil.isAfter(instant);
  }
}
