package org.tocsin.alertintake.zone;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * the outbox, in the transaction of the change (a deletion as a tombstone).
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

  /** The result of an import: the ids of the zones created or replaced. */
  public record ImportResult(int imported, List<String> zoneIds) {
  }

  /**
   * Creates or replaces every zone of the FeatureCollection, or none if one feature is
   * defective.
   *
   * @param kindOverride the kind of every feature, or null to read it from each feature
   */
  @Transactional
  public ImportResult importZones(JsonNode featureCollection, ZoneKind kindOverride) {
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
    for (Zone zone : imported) {
      zones.upsert(zone);
      outbox.add(topics.zones(), zone.id(), ZoneEvents.changed(zone));
    }
    zones.bumpRevision();
    log.info("Imported {} zones", imported.size());
    return new ImportResult(imported.size(), imported.stream().map(Zone::id).toList());
  }

  @Transactional(readOnly = true)
  public List<ZoneSummary> list(ZoneKind kind, String parentId, int page, int size) {
    return zones.list(kind, parentId, page * size, size);
  }

  @Transactional(readOnly = true)
  public Zone get(String id) {
    return zones.find(id).orElseThrow(() -> Rejection.notFound("Zone '" + id + "'"));
  }

  /** Deletes a zone no active alert uses and no zone has as parent, and publishes a tombstone. */
  @Transactional
  public void delete(String id) {
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
