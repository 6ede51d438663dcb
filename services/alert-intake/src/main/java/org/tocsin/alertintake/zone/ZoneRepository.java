package org.tocsin.alertintake.zone;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.alertintake.geometry.Geometries;
import org.tocsin.alertintake.geometry.LatLon;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zone catalogue in PostgreSQL; geometries as WKB. Every change of a zone makes a new
 * version, and every version is kept ({@code zone_versions}).
 */
@Repository
class ZoneRepository {

  private static final String SUMMARY_COLUMNS = "id, kind, names::text, parent_id, postcodes, "
      + "interior_lat, interior_lon, valid_until, changed_at";
  private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ZoneRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long revision() {
    return jdbc.sql("SELECT revision FROM zone_catalogue_revision").query(Long.class).single();
  }

  void bumpRevision() {
    jdbc.sql("UPDATE zone_catalogue_revision SET revision = revision + 1").update();
  }

  /** Takes the catalogue's lock until the transaction ends: changes of it queue up. */
  void lockCatalogue() {
    jdbc.sql("SELECT revision FROM zone_catalogue_revision FOR UPDATE").query(Long.class)
        .single();
  }

  Optional<ZoneCatalogue.Versioned> findCurrent(String id) {
    return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", geometry, version FROM zones WHERE id = ?")
        .param(id).query((rs, n) -> new ZoneCatalogue.Versioned(zone(rs), rs.getInt("version")))
        .optional();
  }

  /** Every version of a zone, oldest first, its own and earlier lives' (if deleted since). */
  List<ZoneVersion> versions(String id) {
    return jdbc.sql("SELECT version, changed_at FROM zone_versions WHERE zone_id = ? ORDER BY "
            + "version")
        .param(id)
        .query((rs, n) -> new ZoneVersion(id, rs.getInt(1), instant(rs.getTimestamp(2))))
        .list();
  }

  Optional<Zone> findVersion(String id, int version) {
    return jdbc.sql("SELECT zone_id AS id, kind, names::text, parent_id, postcodes, "
            + "interior_lat, interior_lon, valid_until, changed_at, geometry FROM zone_versions "
            + "WHERE zone_id = ? AND version = ?")
        .params(id, version).query((rs, n) -> zone(rs)).optional();
  }

  Optional<Zone> find(String id) {
    return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", geometry FROM zones WHERE id = ?")
        .param(id).query((rs, n) -> zone(rs)).optional();
  }

  List<ZoneSummary> list(ZoneKind kind, String parentId, int offset, int limit) {
    return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM zones"
            + " WHERE (CAST(:kind AS text) IS NULL OR kind = :kind)"
            + " AND (CAST(:parent AS text) IS NULL OR parent_id = :parent)"
            + " ORDER BY id OFFSET :offset LIMIT :limit")
        .param("kind", kind == null ? null : kind.name())
        .param("parent", parentId)
        .param("offset", offset)
        .param("limit", limit)
        .query((rs, n) -> summary(rs)).list();
  }

  /** Every zone's current version and geometry, for the in-memory index. */
  Map<String, ZoneIndex.IndexedZone> allCurrent() {
    Map<String, ZoneIndex.IndexedZone> zones = new HashMap<>();
    jdbc.sql("SELECT id, version, geometry FROM zones").query(rs -> {
      zones.put(rs.getString(1), new ZoneIndex.IndexedZone(rs.getInt(2),
          geometry(rs.getBytes(3))));
    });
    return zones;
  }

  /** Those of {@code ids} that exist, locked against deletion until the transaction ends. */
  Set<String> lockExistingForShare(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new LinkedHashSet<>(jdbc.sql("SELECT id FROM zones WHERE id = ANY(?) FOR SHARE")
        .param(ids.toArray(String[]::new)).query(String.class).list());
  }

  Set<String> existing(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new LinkedHashSet<>(jdbc.sql("SELECT id FROM zones WHERE id = ANY(?)")
        .param(ids.toArray(String[]::new)).query(String.class).list());
  }

  boolean lockForUpdate(String id) {
    return jdbc.sql("SELECT id FROM zones WHERE id = ? FOR UPDATE").param(id)
        .query(String.class).optional().isPresent();
  }

  List<String> childrenOf(String id) {
    return jdbc.sql("SELECT id FROM zones WHERE parent_id = ? ORDER BY id").param(id)
        .query(String.class).list();
  }

  /**
   * Creates the zone or makes a new version of it, and keeps that version; the caller holds
   * the catalogue's lock.
   *
   * @return the version it is now
   */
  int upsert(Zone zone) {
    int version = jdbc.sql("""
            INSERT INTO zones (id, kind, names, parent_id, postcodes, geometry, interior_lat,
                               interior_lon, valid_until, changed_at, version)
            VALUES (:id, :kind, CAST(:names AS jsonb), :parent, :postcodes, :geometry, :lat, :lon,
                    :validUntil, :changedAt, COALESCE((SELECT max(version) FROM zone_versions
                                                       WHERE zone_id = :id), 0) + 1)
            ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, names = EXCLUDED.names,
                parent_id = EXCLUDED.parent_id, postcodes = EXCLUDED.postcodes,
                geometry = EXCLUDED.geometry, interior_lat = EXCLUDED.interior_lat,
                interior_lon = EXCLUDED.interior_lon, valid_until = EXCLUDED.valid_until,
                changed_at = EXCLUDED.changed_at, version = zones.version + 1
            RETURNING version
            """)
        .param("id", zone.id())
        .param("kind", zone.kind().name())
        .param("names", json.writeValueAsString(zone.names()))
        .param("parent", zone.parentId())
        .param("postcodes", zone.postcodes().toArray(String[]::new))
        .param("geometry", new WKBWriter().write(zone.geometry()))
        .param("lat", zone.interiorPoint().lat())
        .param("lon", zone.interiorPoint().lon())
        .param("validUntil", timestamp(zone.validUntil()))
        .param("changedAt", timestamp(zone.changedAt()))
        .query(Integer.class).single();
    jdbc.sql("""
            INSERT INTO zone_versions (zone_id, version, kind, names, parent_id, postcodes,
                                       geometry, interior_lat, interior_lon, valid_until,
                                       changed_at)
            SELECT id, version, kind, names, parent_id, postcodes, geometry, interior_lat,
                   interior_lon, valid_until, changed_at
            FROM zones WHERE id = ?
            """).param(zone.id()).update();
    return version;
  }

  void delete(String id) {
    jdbc.sql("DELETE FROM zones WHERE id = ?").param(id).update();
  }

  private Zone zone(ResultSet rs) throws SQLException {
    ZoneSummary summary = summary(rs);
    return new Zone(summary.id(), summary.kind(), summary.names(), summary.parentId(),
        summary.postcodes(), geometry(rs.getBytes("geometry")), summary.interiorPoint(),
        summary.validUntil(), summary.changedAt());
  }

  private ZoneSummary summary(ResultSet rs) throws SQLException {
    String[] postcodes = (String[]) rs.getArray("postcodes").getArray();
    return new ZoneSummary(rs.getString("id"), ZoneKind.valueOf(rs.getString("kind")),
        json.readValue(rs.getString("names"), NAMES), rs.getString("parent_id"),
        Arrays.asList(postcodes),
        new LatLon(rs.getDouble("interior_lat"), rs.getDouble("interior_lon")),
        instant(rs.getTimestamp("valid_until")), instant(rs.getTimestamp("changed_at")));
  }

  private static Geometry geometry(byte[] wkb) {
    try {
      Geometry geometry = new WKBReader(Geometries.FACTORY).read(wkb);
      geometry.setSRID(Geometries.WGS84);
      return geometry;
    } catch (ParseException e) {
      throw new IllegalStateException("A zone geometry in the database is not WKB", e);
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
