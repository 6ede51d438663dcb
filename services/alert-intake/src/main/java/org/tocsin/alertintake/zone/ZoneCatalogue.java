package org.tocsin.alertintake.zone;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
  private final ZoneCodes codes;
  private final FeatureCollectionReader reader;
  private final ZoneUsage usage;
  private final Outbox outbox;
  private final Topics topics;
  private final Clock clock;

  ZoneCatalogue(ZoneRepository zones, ZoneCodes codes, ZoneProperties properties,
                GeometryProperties geometry, ZoneUsage usage, Outbox outbox, Topics topics,
                Clock clock) {
    this.zones = zones;
    this.codes = codes;
    this.reader = new FeatureCollectionReader(properties, geometry.rules());
    this.usage = usage;
    this.outbox = outbox;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * The result of an import: the ids of the zones created or replaced, and the zones whose
   * geometry was repaired.
   */
  public record ImportResult(int imported, List<String> zoneIds,
                             List<ZoneRepairReport> repairs) {
  }

  /**
   * Creates or replaces every zone of the FeatureCollection, or none if one feature is
   * defective.
   *
   * @param kindOverride the kind of every feature, or null to read it from each feature
   * @param repair whether invalid geometries are repaired (and reported) rather than refused
   */
  @Transactional
  public ImportResult importZones(JsonNode featureCollection, ZoneKind kindOverride,
                                  boolean repair) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Violations violations = new Violations();
    FeatureCollectionReader.Imported read = reader.read(featureCollection, kindOverride, repair,
        now, violations);
    violations.throwIfAny("The zones cannot be imported");
    List<Zone> imported = read.zones();
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
    for (ZoneCodes.Taken taken : codes.takenByOthers(read.codes(), importedIds)) {
      violations.add("features[" + indexOf(imported, read.codes(), taken) + "].properties",
          "zone '" + idOf(read.codes(), taken) + "' has " + taken.scheme() + " code '"
              + taken.code() + "', which zone '" + taken.zoneId() + "' of the catalogue has");
    }
    violations.throwIfAny("The zones cannot be imported");
    for (Zone zone : imported) {
      zones.upsert(zone);
      codes.replace(zone.id(), read.codes().getOrDefault(zone.id(), Map.of()));
      outbox.add(topics.zones(), zone.id(), ZoneEvents.changed(zone));
    }
    zones.bumpRevision();
    log.info("Imported {} zones, {} of them repaired", imported.size(), read.repairs().size());
    return new ImportResult(imported.size(), imported.stream().map(Zone::id).toList(),
        read.repairs());
  }

  /**
   * The zones that carry these codes of a scheme (NIS, LAU, NUTS, ...), by code; codes no zone
   * carries are left out.
   */
  @Transactional(readOnly = true)
  public Map<String, String> zonesWithCodes(String scheme, Collection<String> values) {
    return codes.zonesOf(scheme, values);
  }

  /** The external codes of a zone, by scheme. */
  @Transactional(readOnly = true)
  public Map<String, String> codesOf(String id) {
    return codes.codesOf(id);
  }

  private static String idOf(Map<String, Map<String, String>> codes, ZoneCodes.Taken taken) {
    return codes.entrySet().stream()
        .filter(e -> taken.code().equals(e.getValue().get(taken.scheme())))
        .map(Map.Entry::getKey).findFirst().orElse("?");
  }

  private static int indexOf(List<Zone> zones, Map<String, Map<String, String>> codes,
                             ZoneCodes.Taken taken) {
    String id = idOf(codes, taken);
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
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
