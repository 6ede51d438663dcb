package org.tocsin.subscriptions.zone;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tocsin.events.v1.ZoneKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The local copy of the zone catalogue, in table {@code zone}. */
@Repository
class ZoneRepository {

  private static final TypeReference<LinkedHashMap<String, String>> NAMES = new TypeReference<>() {
  };
  private static final String COLUMNS = "zone_id, kind, names::text AS names, parent_id, "
      + "postcodes, latitude, longitude, valid_until";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ZoneRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** What is stored about a zone, including a deletion, locked until the transaction ends. */
  Optional<StoredZone> lockForUpdate(String zoneId) {
    return jdbc.sql("SELECT " + COLUMNS + ", changed_at, deleted FROM zone WHERE zone_id = ? "
            + "FOR UPDATE")
        .param(zoneId)
        .query((rs, row) -> new StoredZone(zone(rs), rs.getTimestamp("changed_at").toInstant(),
            rs.getBoolean("deleted")))
        .optional();
  }

  void upsert(Zone zone, Instant changedAt) {
    jdbc.sql("""
            INSERT INTO zone (zone_id, kind, names, parent_id, postcodes, latitude, longitude,
                              valid_until, changed_at, deleted, search_text)
            VALUES (:id, :kind, :names::jsonb, :parent, :postcodes, :lat, :lon, :until, :changed,
                    false, :search)
            ON CONFLICT (zone_id) DO UPDATE SET kind = excluded.kind, names = excluded.names,
                parent_id = excluded.parent_id, postcodes = excluded.postcodes,
                latitude = excluded.latitude, longitude = excluded.longitude,
                valid_until = excluded.valid_until, changed_at = excluded.changed_at,
                deleted = false, search_text = excluded.search_text
            """)
        .param("id", zone.zoneId())
        .param("kind", zone.kind().name())
        .param("names", json.writeValueAsString(zone.names()))
        .param("parent", zone.parentId())
        .param("postcodes", zone.postcodes().stream().map(ZoneRepository::normalisedPostcode)
            .toArray(String[]::new))
        .param("lat", zone.latitude())
        .param("lon", zone.longitude())
        .param("until", zone.validUntil() == null ? null : Timestamp.from(zone.validUntil()))
        .param("changed", Timestamp.from(changedAt))
        .param("search", searchable(String.join(" ", zone.names().values()) + " " + zone.zoneId()))
        .update();
  }

  void markDeleted(String zoneId, Instant changedAt) {
    jdbc.sql("UPDATE zone SET deleted = true, changed_at = ? WHERE zone_id = ?")
        .param(Timestamp.from(changedAt)).param(zoneId).update();
  }

  /**
   * Locks the zones of {@code zoneIds} that can be followed at {@code now} against changes (the
   * lock a foreign key takes: many registrations share it, a zone change waits for them).
   */
  List<String> lockFollowable(Collection<String> zoneIds, Instant now) {
    return jdbc.sql("SELECT zone_id FROM zone WHERE zone_id = ANY (?) AND NOT deleted "
            + "AND (valid_until IS NULL OR valid_until > ?) FOR KEY SHARE")
        .param(zoneIds.toArray(String[]::new)).param(Timestamp.from(now))
        .query(String.class).list();
  }

  Optional<Zone> find(String zoneId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM zone WHERE zone_id = ? AND NOT deleted")
        .param(zoneId).query((rs, row) -> zone(rs)).optional();
  }

  List<Zone> findAll(Collection<String> zoneIds) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM zone WHERE zone_id = ANY (?) AND NOT deleted")
        .param(zoneIds.toArray(String[]::new)).query((rs, row) -> zone(rs)).list();
  }

  List<Zone> search(String query, Instant now, int limit) {
    String postcode = normalisedPostcode(query);
    String text = searchable(query);
    String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        + "%";
    return jdbc.sql("SELECT " + COLUMNS + " FROM zone WHERE NOT deleted "
            + "AND (valid_until IS NULL OR valid_until > :now) "
            + "AND (:postcode = ANY (postcodes) OR search_text LIKE :pattern) "
            + "ORDER BY (:postcode = ANY (postcodes)) DESC, (kind = 'MUNICIPALITY') DESC, "
            + "strpos(search_text, :text), zone_id LIMIT :limit")
        .param("now", Timestamp.from(now))
        .param("postcode", postcode)
        .param("pattern", pattern)
        .param("text", text)
        .param("limit", limit)
        .query((rs, row) -> zone(rs)).list();
  }

  private Zone zone(ResultSet rs) throws SQLException {
    Array postcodes = rs.getArray("postcodes");
    Timestamp until = rs.getTimestamp("valid_until");
    Map<String, String> names = json.readValue(rs.getString("names"), NAMES);
    return new Zone(rs.getString("zone_id"), ZoneKind.valueOf(rs.getString("kind")), names,
        rs.getString("parent_id"), Arrays.asList((String[]) postcodes.getArray()),
        rs.getDouble("latitude"), rs.getDouble("longitude"),
        until == null ? null : until.toInstant());
  }

  static String normalisedPostcode(String postcode) {
    return postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  /** Lower case without diacritics, so that "liege" finds "Liège". */
  static String searchable(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).strip();
  }

  record StoredZone(Zone zone, Instant changedAt, boolean deleted) {
  }
}
