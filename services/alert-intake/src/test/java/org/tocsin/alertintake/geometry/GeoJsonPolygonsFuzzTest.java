package org.tocsin.alertintake.geometry;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.alertintake.fuzz.ServiceJson;
import org.tocsin.alertintake.fuzz.SlowestInput;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided fuzzing of the GeoJSON polygon reader and what follows it for every area and
 * zone: whatever the JSON, it gives polygons or violations, never an exception; a geometry it
 * gives is checked by the rules, and repaired when invalid, within the time budget.
 */
class GeoJsonPolygonsFuzzTest {

  private static final GeoJsonPolygons READER = new GeoJsonPolygons(20_000);
  private static final GeometryRules RULES = new GeometryRules(new Envelope(1.0, 8.5, 48.5,
      54.0), 20_000);
  private static final SlowestInput TIMES = new SlowestInput("GeoJsonPolygons",
      Duration.ofSeconds(1));

  @FuzzTest
  @DictionaryFile(resourcePath = "/org/tocsin/alertintake/fuzz/geojson.dict")
  void readsOrRefusesEveryGeometry(byte[] input) {
    JsonNode node = ServiceJson.tree(input);
    if (node == null) {
      return;
    }
    TIMES.time(input, bytes -> {
      GeoJsonPolygons.Read read = READER.read(node, "geometry");
      if (read.isValid()) {
        var geometry = read.geometry();
        if (!RULES.check(geometry, "geometry").isEmpty() && GeometryRepair.needed(geometry)) {
          GeometryRepair.Repair repair = GeometryRepair.repair(geometry);
          if (!repair.repaired().isEmpty() && GeometryRepair.needed(repair.repaired())) {
            throw new AssertionError("the repair left an invalid geometry");
          }
        }
      }
    });
  }

  @AfterAll
  static void report() {
    TIMES.report();
  }
}
