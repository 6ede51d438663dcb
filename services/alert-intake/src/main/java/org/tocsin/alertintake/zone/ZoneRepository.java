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

/** The zone catalogue in PostgreSQL; geometries as WKB. */
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

  /** Every zone's geometry, for the in-memory index. */
  Map<String, Geometry> allGeometries() {
    Map<String, Geometry> geometries = new HashMap<>();
    jdbc.sql("SELECT id, geometry FROM zones").query(rs -> {
      geometries.put(rs.getString(1), geometry(rs.getBytes(2)));
    });
    return geometries;
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

  void upsert(Zone zone) {
    jdbc.sql("""
            INSERT INTO zones (id, kind, names, parent_id, postcodes, geometry, interior_lat,
                               interior_lon, valid_until, changed_at)
            VALUES (:id, :kind, CAST(:names AS jsonb), :parent, :postcodes, :geometry, :lat, :lon,
                    :validUntil, :changedAt)
            ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, names = EXCLUDED.names,
                parent_id = EXCLUDED.parent_id, postcodes = EXCLUDED.postcodes,
                geometry = EXCLUDED.geometry, interior_lat = EXCLUDED.interior_lat,
                interior_lon = EXCLUDED.interior_lon, valid_until = EXCLUDED.valid_until,
                changed_at = EXCLUDED.changed_at
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
        .update();
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
