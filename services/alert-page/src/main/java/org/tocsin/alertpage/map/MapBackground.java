package org.tocsin.alertpage.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The regions drawn behind every alert's area: a GeoJSON FeatureCollection of polygons whose
 * {@code name_<language>} properties name them. Simplified once when read, to a tolerance
 * finer than a pixel of any map drawn of an area, so that drawing stays cheap.
 */
public final class MapBackground {

  public static final MapBackground NONE = new MapBackground(List.of());

  /** About 20 m: below a pixel on a map of a town. */
  private static final double TOLERANCE_DEGREES = 0.0002;
  private static final String NAME_PREFIX = "name_";

  private final List<MapRegion> regions;

  private MapBackground(List<MapRegion> regions) {
    this.regions = List.copyOf(regions);
  }

  /**
   * Reads a FeatureCollection; features without a polygon are left out.
   *
   * @throws IllegalArgumentException if it is not a FeatureCollection of readable geometries
   */
  public static MapBackground read(InputStream geoJson) {
    JsonNode collection;
    try (geoJson) {
      collection = JsonMapper.shared().readTree(geoJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!"FeatureCollection".equals(collection.path("type").asString(""))) {
      throw new IllegalArgumentException("A map background must be a GeoJSON FeatureCollection");
    }
    GeoJsonReader reader = new GeoJsonReader(AreaGeometry.GEOMETRY);
    List<MapRegion> regions = new ArrayList<>();
    for (JsonNode feature : collection.path("features")) {
      JsonNode shape = feature.get("geometry");
      if (shape == null || shape.isNull()) {
        continue;
      }
      Geometry geometry;
      try {
        geometry = reader.read(shape.toString());
      } catch (ParseException e) {
        throw new IllegalArgumentException("Unreadable geometry in the map background", e);
      }
      if (geometry.getDimension() != 2) {
        continue;
      }
      geometry = TopologyPreservingSimplifier.simplify(GeometryFixer.fix(geometry),
          TOLERANCE_DEGREES);
      Map<String, String> names = new TreeMap<>();
      feature.path("properties").properties().forEach(property -> {
        if (property.getKey().startsWith(NAME_PREFIX) && property.getValue().isString()
            && !property.getValue().asString().isBlank()) {
          names.put(property.getKey().substring(NAME_PREFIX.length()),
              property.getValue().asString().strip());
        }
      });
      regions.add(new MapRegion(geometry, names));
    }
    return new MapBackground(regions);
  }

  List<MapRegion> within(Envelope view) {
    return regions.stream()
        .filter(region -> region.geometry().getEnvelopeInternal().intersects(view)).toList();
  }

  public int size() {
    return regions.size();
  }
}
