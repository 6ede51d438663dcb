package org.tocsin.alertintake.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.springframework.stereotype.Component;

/**
 * The catalogue's current zone versions in memory, their geometries in an STRtree, reloaded
 * whenever the catalogue's revision in the database changed (by this instance or another).
 */
@Component
public class ZoneIndex {

  /** Interiors intersect: a zone that merely shares a border with the area is not touched. */
  private static final String INTERIORS_INTERSECT = "T********";

  private final ZoneRepository zones;
  private volatile Snapshot snapshot;

  ZoneIndex(ZoneRepository zones) {
    this.zones = zones;
  }

  /** A zone's current version and its geometry. */
  public record IndexedZone(int version, Geometry geometry) {
  }

  /** The ids of every zone whose interior intersects the area's, sorted. */
  public List<String> zonesTouchedBy(Geometry area) {
    Snapshot current = current();
    RelateNG prepared = RelateNG.prepare(area);
    TreeSet<String> touched = new TreeSet<>();
    for (Object candidate : current.tree().query(area.getEnvelopeInternal())) {
      String id = (String) candidate;
      if (prepared.evaluate(current.zones().get(id).geometry(),
          RelatePredicate.matches(INTERIORS_INTERSECT))) {
        touched.add(id);
      }
    }
    return new ArrayList<>(touched);
  }

  public Optional<IndexedZone> zone(String zoneId) {
    return Optional.ofNullable(current().zones().get(zoneId));
  }

  private Snapshot current() {
    long revision = zones.revision();
    Snapshot current = snapshot;
    if (current != null && current.revision() == revision) {
      return current;
    }
    synchronized (this) {
      if (snapshot == null || snapshot.revision() != revision) {
        snapshot = load();
      }
      return snapshot;
    }
  }

  private Snapshot load() {
    long revision = zones.revision();
    Map<String, IndexedZone> current = zones.allCurrent();
    STRtree tree = new STRtree();
    current.forEach((id, zone) -> tree.insert(zone.geometry().getEnvelopeInternal(), id));
    tree.build();
    return new Snapshot(revision, tree, current);
  }

  private record Snapshot(long revision, STRtree tree, Map<String, IndexedZone> zones) {
  }
}
