package org.tocsin.alertintake.zone;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.alertintake.fuzz.ServiceJson;
import org.tocsin.alertintake.fuzz.SlowestInput;
import org.tocsin.alertintake.geometry.GeometryRules;
import org.tocsin.alertintake.rejection.Violations;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided fuzzing of the zone import's reader, with repair: whatever the JSON, it gives
 * zones or violations, never an exception, within the time budget; a zone it gives is valid.
 */
class FeatureCollectionReaderFuzzTest {

  private static final FeatureCollectionReader READER = new FeatureCollectionReader(
      new ZoneProperties(2000, new ZoneProperties.ImportMapping("id", "kind",
          org.tocsin.events.v1.ZoneKind.CUSTOM, Map.of(), "parent", "postcodes", "validUntil",
          Map.of()), 0.001),
      new GeometryRules(new Envelope(1.0, 8.5, 48.5, 54.0), 20_000));
  private static final Instant NOW = Instant.parse("2026-05-24T10:00:00Z");
  private static final SlowestInput TIMES = new SlowestInput("FeatureCollectionReader",
      Duration.ofSeconds(1));

  @FuzzTest
  @DictionaryFile(resourcePath = "/org/tocsin/alertintake/fuzz/geojson.dict")
  void readsOrRefusesEveryCollection(byte[] input) {
    JsonNode node = ServiceJson.tree(input);
    if (node == null) {
      return;
    }
    TIMES.time(input, bytes -> {
      Violations violations = new Violations();
      FeatureCollectionReader.Imported imported = READER.read(node, null, true, NOW,
          violations);
      for (Zone zone : imported.zones()) {
        if (!zone.geometry().isValid()) {
          throw new AssertionError("zone " + zone.id() + " was read with an invalid geometry");
        }
      }
    });
  }

  @AfterAll
  static void report() {
    TIMES.report();
  }
}
