package org.tocsin.subscriptions.zone;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.subscriptions.zone.ZoneRepository.StoredZone;

/**
 * The zone catalogue as this service knows it: a copy of alert-intake's compacted zones topic,
 * kept in PostgreSQL so that every instance validates against the same catalogue and a zone's
 * end reaches its followers exactly once.
 */
@Service
public class ZoneCatalogue {

  private static final Logger log = LoggerFactory.getLogger(ZoneCatalogue.class);
  private static final int SEARCH_LIMIT = 20;

  private final ZoneRepository zones;
  private final ZoneFollowers followers;
  private final Clock clock;

  public ZoneCatalogue(ZoneRepository zones, ZoneFollowers followers, Clock clock) {
    this.zones = zones;
    this.followers = followers;
    this.clock = clock;
  }

  /**
   * Applies one record of the zones topic: a zone's new state, or its removal ({@code value}
   * null, {@code recordTime} the record's timestamp). Replaying the topic changes nothing: a
   * record older than what is stored is ignored, an identical one too.
   */
  @Transactional
  public void apply(String zoneId, ZoneChanged value, Instant recordTime) {
    Optional<StoredZone> stored = zones.lockForUpdate(zoneId);
    Instant changedAt = value != null ? value.getChangedAt() : recordTime;
    if (stored.isPresent() && changedAt.isBefore(stored.get().changedAt())) {
      return;
    }
    boolean known = stored.isPresent() && !stored.get().deleted();
    if (value == null) {
      if (known) {
        followers.zoneRemoved(zoneId);
        zones.markDeleted(zoneId, changedAt);
        log.info("Zone {} left the catalogue", zoneId);
      }
      return;
    }
    Zone zone = toZone(value);
    if (known && zone.equals(stored.get().zone())) {
      return;
    }
    zones.upsert(zone, changedAt);
    if (known && !Objects.equals(stored.get().zone().validUntil(), zone.validUntil())) {
      followers.zoneEndChanged(zoneId);
    }
  }

  /**
   * Checks that every zone of {@code zoneIds} can be followed now, and locks them until the
   * transaction ends, so that a change of their end waits for the subscription.
   *
   * @throws UnknownZonesException naming the zones that are unknown or ended
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lockFollowable(Collection<String> zoneIds) {
    if (zoneIds.isEmpty()) {
      return;
    }
    Set<String> wanted = new LinkedHashSet<>(zoneIds);
    List<String> found = zones.lockFollowable(wanted, clock.instant());
    wanted.removeAll(found);
    if (!wanted.isEmpty()) {
      throw new UnknownZonesException(new ArrayList<>(wanted));
    }
  }

  public Optional<Zone> find(String zoneId) {
    return zones.find(zoneId);
  }

  /** The known zones among {@code zoneIds}, by id. */
  public Map<String, Zone> findAll(Collection<String> zoneIds) {
    Map<String, Zone> found = new HashMap<>();
    if (!zoneIds.isEmpty()) {
      zones.findAll(zoneIds).forEach(zone -> found.put(zone.zoneId(), zone));
    }
    return found;
  }

  /** Zones whose postcode is {@code query} or whose name contains it, current ones only. */
  public List<Zone> search(String query) {
    return zones.search(query, clock.instant(), SEARCH_LIMIT);
  }

  private static Zone toZone(ZoneChanged value) {
    return new Zone(value.getZoneId(), value.getKind(), Map.copyOf(value.getNames()),
        value.getParentId(),
        value.getPostcodes().stream().map(ZoneRepository::normalisedPostcode).toList(),
        value.getInteriorPoint().getLat(), value.getInteriorPoint().getLon(),
        value.getValidUntil());
  }
}
