package org.tocsin.alertintake.zone;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * the outbox, in the transaction of the change (a deletion as a tombstone). Every import of a
 * zone makes a new version of it: a message already sent keeps the geometry it was sent with,
 * an approval whose content it changes must be given again, and a zone in use can still be
 * corrected during a crisis (an UPDATE of the alert then sends the corrected zone).
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
   * The result of an import: the ids of the zones created or given a new version, the zones
   * whose geometry was repaired, and, for those active alerts use, which alerts.
   */
  public record ImportResult(int imported, List<String> zoneIds,
                             List<ZoneRepairReport> repairs, List<ZoneInUse> inUse) {
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
   * @param repair whether invalid geometries are repaired (and reported) rather than refused
   */
  @Transactional
  public ImportResult importZones(JsonNode featureCollection, ZoneKind kindOverride,
                                  boolean repair) {
    zones.lockCatalogue();
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
    List<ZoneInUse> inUse = new ArrayList<>();
    for (Zone zone : imported) {
      int version = zones.upsert(zone);
      codes.replace(zone.id(), read.codes().getOrDefault(zone.id(), Map.of()));
      outbox.add(topics.zones(), zone.id(), ZoneEvents.changed(zone));
      List<String> alerts = version > 1 ? usage.activeAlertsUsing(zone.id()) : List.of();
      if (!alerts.isEmpty()) {
        inUse.add(new ZoneInUse(zone.id(), version, alerts));
      }
    }
    zones.bumpRevision();
    log.info("Imported {} zones, {} of them repaired, {} of them in use", imported.size(),
        read.repairs().size(), inUse.size());
    return new ImportResult(imported.size(), imported.stream().map(Zone::id).toList(),
        read.repairs(), inUse);
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
