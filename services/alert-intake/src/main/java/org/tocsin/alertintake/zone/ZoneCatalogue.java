package org.tocsin.alertintake.zone;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.alertintake.geometry.GeometryProperties;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.ZoneKind;
import org.tocsin.outbox.Outbox;
import tools.jackson.databind.JsonNode;

/**
 * The catalogue of named zones. Every change is announced on the compacted zones topic, through
 * the outbox, in the transaction of the change (a deletion as a tombstone). Every import of a
 * zone makes a new version of it: a message already sent keeps the geometry it was sent with,
 * an approval whose content it changes must be given again, and a zone in use can still be
 * corrected during a crisis (an UPDATE of the alert then sends the corrected zone).
 */
@Service
public class ZoneCatalogue {

  private static final Logger log = LoggerFactory.getLogger(ZoneCatalogue.class);

  private final ZoneRepository zones;
  private final FeatureCollectionReader reader;
  private final ZoneUsage usage;
  private final Outbox outbox;
  private final Topics topics;
  private final Clock clock;

  ZoneCatalogue(ZoneRepository zones, ZoneProperties properties, GeometryProperties geometry,
                ZoneUsage usage, Outbox outbox, Topics topics, Clock clock) {
    this.zones = zones;
    this.reader = new FeatureCollectionReader(properties, geometry.rules());
    this.usage = usage;
    this.outbox = outbox;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * The result of an import: the ids of the zones created or given a new version, and, for
   * those active alerts use, which alerts.
   */
  public record ImportResult(int imported, List<String> zoneIds, List<ZoneInUse> inUse) {
  }

  /**
   * A zone given a new version while alerts use it: those in force keep the geometry they were
   * sent with until an UPDATE sends the new one; an approval awaiting a second person must be
   * given again for the new geometry.
   */
  public record ZoneInUse(String zoneId, int version, List<String> alertIds) {
  }

  /**
   * Creates or replaces every zone of the FeatureCollection, or none if one feature is
   * defective.
   *
   * @param kindOverride the kind of every feature, or null to read it from each feature
   */
  @Transactional
  public ImportResult importZones(JsonNode featureCollection, ZoneKind kindOverride) {
    zones.lockCatalogue();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Violations violations = new Violations();
    List<Zone> imported = reader.read(featureCollection, kindOverride, now, violations);
    violations.throwIfAny("The zones cannot be imported");
    Set<String> importedIds = new HashSet<>();
    imported.forEach(zone -> importedIds.add(zone.id()));
    Set<String> parents = new HashSet<>();
    imported.stream().map(Zone::parentId).filter(p -> p != null && !importedIds.contains(p))
        .forEach(parents::add);
    Set<String> existingParents = zones.lockExistingForShare(parents);
    for (int i = 0; i < imported.size(); i++) {
      String parent = imported.get(i).parentId();
      if (parent != null && !importedIds.contains(parent) && !existingParents.contains(parent)) {
        violations.add("features[" + i + "].properties", "zone '" + imported.get(i).id()
            + "' names parent '" + parent + "', which is neither in the catalogue nor in "
            + "this import");
      }
    }
    violations.throwIfAny("The zones cannot be imported");
    List<ZoneInUse> inUse = new ArrayList<>();
    for (Zone zone : imported) {
      int version = zones.upsert(zone);
      outbox.add(topics.zones(), zone.id(), ZoneEvents.changed(zone));
      List<String> alerts = version > 1 ? usage.activeAlertsUsing(zone.id()) : List.of();
      if (!alerts.isEmpty()) {
        inUse.add(new ZoneInUse(zone.id(), version, alerts));
      }
    }
    zones.bumpRevision();
    log.info("Imported {} zones, {} of them in use", imported.size(), inUse.size());
    return new ImportResult(imported.size(), imported.stream().map(Zone::id).toList(), inUse);
  }

  @Transactional(readOnly = true)
  public List<ZoneSummary> list(ZoneKind kind, String parentId, int page, int size) {
    return zones.list(kind, parentId, page * size, size);
  }

  @Transactional(readOnly = true)
  public Zone get(String id) {
    return zones.find(id).orElseThrow(() -> Rejection.notFound("Zone '" + id + "'"));
  }

  /** A zone and the number of its current version. */
  public record Versioned(Zone zone, int version) {
  }

  @Transactional(readOnly = true)
  public Versioned current(String id) {
    return zones.findCurrent(id).orElseThrow(() -> Rejection.notFound("Zone '" + id + "'"));
  }

  /** Every version of a zone ever imported, oldest first. */
  @Transactional(readOnly = true)
  public List<ZoneVersion> versions(String id) {
    List<ZoneVersion> versions = zones.versions(id);
    if (versions.isEmpty()) {
      throw Rejection.notFound("Zone '" + id + "'");
    }
    return versions;
  }

  /** A version of a zone as it was imported, with its geometry. */
  @Transactional(readOnly = true)
  public Zone version(String id, int version) {
    return zones.findVersion(id, version).orElseThrow(() ->
        Rejection.notFound("Version " + version + " of zone '" + id + "'"));
  }

  /** Deletes a zone no active alert uses and no zone has as parent, and publishes a tombstone. */
  @Transactional
  public void delete(String id) {
    zones.lockCatalogue();
    if (!zones.lockForUpdate(id)) {
      throw Rejection.notFound("Zone '" + id + "'");
    }
    List<String> alerts = usage.activeAlertsUsing(id);
    if (!alerts.isEmpty()) {
      throw Rejection.conflict("Zone '" + id + "' is used by active alerts " + alerts
          + "; it can be deleted once they are over");
    }
    List<String> children = zones.childrenOf(id);
    if (!children.isEmpty()) {
      throw Rejection.conflict("Zone '" + id + "' is the parent of " + children
          + "; delete or re-import those first");
    }
    zones.delete(id);
    outbox.add(topics.zones(), id, null);
    zones.bumpRevision();
    log.info("Deleted zone {}", id);
  }

  /**
   * Those of {@code ids} that exist, locked against deletion until the caller's transaction
   * ends.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Set<String> lockExisting(Collection<String> ids) {
    return zones.lockExistingForShare(ids);
  }

  @Transactional(readOnly = true)
  public Set<String> existing(Collection<String> ids) {
    return zones.existing(ids);
  }
}
