package org.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

  @Test
  void startsEverythingWithoutDemoByDefault() {
    assertThat(LocalOptions.parse()).isEqualTo(new LocalOptions(false, 0, false));
  }

  @Test
  void demoSeedsTenThousandCitizensUnlessTold() {
    assertThat(LocalOptions.parse("--demo").demoSubscribers()).isEqualTo(10_000);
    assertThat(LocalOptions.parse("--fresh", "--demo=2_500"))
        .isEqualTo(new LocalOptions(true, 2_500, false));
  }

  @Test
  void refusesUnknownOptionsAndImpossibleCounts() {
    assertThatThrownBy(() -> LocalOptions.parse("--demo=lots"))
        .hasMessageContaining("from 1 to 1000000");
    assertThatThrownBy(() -> LocalOptions.parse("--demo=0")).hasMessageContaining("--demo=N");
    assertThatThrownBy(() -> LocalOptions.parse("--demo=2000000")).hasMessageContaining("--demo=N");
    assertThatThrownBy(() -> LocalOptions.parse("--frsh")).hasMessageContaining("Unknown option");
    assertThatThrownBy(() -> LocalOptions.parse("--demo", "--infrastructure-only"))
        .hasMessageContaining("needs the services");
  }

  @Test
  void refusesToSeedTheDemoThroughARealSmsProvider() {
    assertThatThrownBy(() -> LocalOptions.parse("--demo")
        .requireFakesForDemo(Map.of("TWILIO_ACCOUNT_SID", "AC123")))
        .hasMessageContaining("unset TWILIO_ACCOUNT_SID");
    assertThat(LocalOptions.parse().requireFakesForDemo(Map.of("TWILIO_ACCOUNT_SID", "AC123")))
        .isEqualTo(new LocalOptions(false, 0, false));
    assertThat(LocalOptions.parse("--demo").requireFakesForDemo(Map.of()).demo()).isTrue();
  }
}
