package org.tocsin.alertintake.cap;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.tocsin.alertintake.fuzz.SlowestInput;
import org.tocsin.alertintake.rejection.Rejection;

/**
 * Coverage-guided fuzzing of the CAP reader: whatever the bytes, it reads a message or refuses
 * it with a {@link Rejection}, within the time budget. In the default suite the seeds of
 * {@code CapReaderFuzzTestInputs} and the findings kept there run once as a regression test;
 * {@code -Pfuzz} fuzzes (README, "Fuzzing").
 */
class CapReaderFuzzTest {

  private static final CapReader READER = new CapReader(CapProperties.defaults(), 20_000);
  private static final SlowestInput TIMES = new SlowestInput("CapReader", Duration.ofSeconds(1));

  @FuzzTest
  @DictionaryFile(resourcePath = "cap.dict")
  void readsOrRefusesEveryInput(byte[] input) {
    TIMES.time(input, bytes -> {
      try {
        READER.read(new String(bytes, StandardCharsets.UTF_8));
      } catch (Rejection refused) {
        // a refusal with the reason is the one acceptable failure
      }
    });
  }

  @AfterAll
  static void report() {
    TIMES.report();
  }
}
