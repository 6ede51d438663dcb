package org.tocsin.alertintake.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests as an operator's console sends them, as mutable maps so that a test can break one
 * field. Zones are squares around Brussels and Antwerp; {@code <prefix>-EAST} only shares a
 * border with {@code <prefix>-BXL}.
 */
public final class Fixtures {

  private Fixtures() {
  }

  /** An alert with texts in nl, fr, de and en, a drawn polygon, a circle and optional zones. */
  public static Map<String, Object> alert(String status, String... zoneIds) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("status", status);
    alert.put("categories", List.of("CBRNE"));
    alert.put("event", "Chemical release");
    alert.put("urgency", "IMMEDIATE");
    alert.put("severity", "SEVERE");
    alert.put("certainty", "OBSERVED");
    alert.put("expires", Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        .toString());
    List<Object> infos = new ArrayList<>();
    infos.add(info("nl", "Giftige rook in Brussel-Centrum", "Sluit ramen en deuren."));
    infos.add(info("fr", "Fumée toxique à Bruxelles-Centre", "Fermez portes et fenêtres."));
    infos.add(info("de", "Giftiger Rauch in Brüssel-Zentrum", "Fenster und Türen schließen."));
    infos.add(info("en", "Toxic smoke in Brussels centre", "Close windows and doors."));
    alert.put("infos", infos);
    Map<String, Object> area = new LinkedHashMap<>();
    area.put("description", "Brussels centre and Antwerp port");
    area.put("polygons", new ArrayList<>(List.of(square(4.32, 50.82, 4.40, 50.88))));
    area.put("circles", new ArrayList<>(List.of(circle(51.22, 4.40, 2000))));
    area.put("zoneIds", new ArrayList<>(List.of(zoneIds)));
    alert.put("area", area);
    alert.put("channels", List.of("SMS", "EMAIL", "PUSH"));
    return alert;
  }

  public static Map<String, Object> info(String language, String headline, String instruction) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("language", language);
    info.put("senderName", "Crisiscentrum / Centre de crise");
    info.put("headline", headline);
    info.put("description", headline + ". " + instruction);
    info.put("instruction", instruction);
    info.put("smsText", headline + ". " + instruction);
    return info;
  }

  /** A GeoJSON Polygon: the rectangle between two corners (longitude, latitude). */
  public static Map<String, Object> square(double west, double south, double east, double north) {
    return Map.of("type", "Polygon", "coordinates", List.of(List.of(
        List.of(west, south), List.of(east, south), List.of(east, north), List.of(west, north),
        List.of(west, south))));
  }

  public static Map<String, Object> circle(double lat, double lon, double radiusMetres) {
    return Map.of("centre", Map.of("lat", lat, "lon", lon), "radiusMetres", radiusMetres);
  }

  /** Brussels, its eastern neighbour (sharing a border) and Antwerp, as zones. */
  public static Map<String, Object> zones(String prefix) {
    return featureCollection(
        feature(prefix + "-BXL", "municipality", "Brussel", "Bruxelles",
            square(4.30, 50.80, 4.45, 50.90), List.of("1000")),
        feature(prefix + "-EAST", "municipality", "Oost", "Est",
            square(4.45, 50.80, 4.60, 50.90), List.of()),
        feature(prefix + "-ANT", "municipality", "Antwerpen", "Anvers",
            square(4.35, 51.15, 4.50, 51.28), List.of("2000", "2030")));
  }

  @SafeVarargs
  public static Map<String, Object> featureCollection(Map<String, Object>... features) {
    return Map.of("type", "FeatureCollection", "features", List.of(features));
  }

  public static Map<String, Object> feature(String id, String kind, String nameNl, String nameFr,
                                            Object geometry, List<String> postcodes) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", id);
    properties.put("kind", kind);
    properties.put("name_nl", nameNl);
    properties.put("name_fr", nameFr);
    properties.put("postcodes", postcodes);
    Map<String, Object> feature = new LinkedHashMap<>();
    feature.put("type", "Feature");
    feature.put("properties", properties);
    feature.put("geometry", geometry);
    return feature;
  }
}
