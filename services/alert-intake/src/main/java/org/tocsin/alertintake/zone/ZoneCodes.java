package org.tocsin.alertintake.zone;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The external codes of the catalogue's zones (scheme, code) in PostgreSQL. */
@Repository
class ZoneCodes {

  private final JdbcClient jdbc;

  ZoneCodes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The zone each of these codes of the scheme names, by code. */
  Map<String, String> zonesOf(String scheme, Collection<String> codes) {
    Map<String, String> zones = new LinkedHashMap<>();
    if (codes.isEmpty()) {
      return zones;
    }
    jdbc.sql("SELECT code, zone_id FROM zone_codes WHERE scheme = ? AND code = ANY(?)")
        .param(scheme).param(codes.toArray(String[]::new))
        .query(rs -> {
          zones.put(rs.getString(1), rs.getString(2));
        });
    return zones;
  }

  /** The codes of a zone, by scheme. */
  Map<String, String> codesOf(String zoneId) {
    Map<String, String> codes = new LinkedHashMap<>();
    jdbc.sql("SELECT scheme, code FROM zone_codes WHERE zone_id = ? ORDER BY scheme")
        .param(zoneId).query(rs -> {
          codes.put(rs.getString(1), rs.getString(2));
        });
    return codes;
  }

  /**
   * The (scheme, code) pairs of {@code codes} that a zone other than those of {@code zoneIds}
   * already carries, with that zone, locked until the transaction ends.
   */
  List<Taken> takenByOthers(Map<String, Map<String, String>> codes, Collection<String> zoneIds) {
    List<String> schemes = codes.values().stream().flatMap(c -> c.keySet().stream()).toList();
    List<String> values = codes.values().stream().flatMap(c -> c.values().stream()).toList();
    if (schemes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT c.scheme, c.code, c.zone_id
            FROM zone_codes c JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS w(scheme, code)
              ON c.scheme = w.scheme AND c.code = w.code
            WHERE NOT c.zone_id = ANY(?)
            FOR UPDATE OF c
            """)
        .param(schemes.toArray(String[]::new)).param(values.toArray(String[]::new))
        .param(zoneIds.toArray(String[]::new))
        .query((rs, n) -> new Taken(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /** A code another zone carries. */
  record Taken(String scheme, String code, String zoneId) {
  }

  /** Replaces the codes of a zone. */
  void replace(String zoneId, Map<String, String> codes) {
    jdbc.sql("DELETE FROM zone_codes WHERE zone_id = ?").param(zoneId).update();
    codes.forEach((scheme, code) -> jdbc.sql(
            "INSERT INTO zone_codes (scheme, code, zone_id) VALUES (?, ?, ?)")
        .param(scheme).param(code).param(zoneId).update());
  }
}
