package org.tocsin.subscriptions.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateTest {

  @Test
  void readsCountPerPeriod() {
    assertThat(Rate.parse("20/10m")).isEqualTo(new Rate(20, Duration.ofMinutes(10)));
    assertThat(Rate.parse(" 3 / 1h ")).isEqualTo(new Rate(3, Duration.ofHours(1)));
    assertThat(Rate.parse("1000000/1s").toString()).isEqualTo("1000000/1s");
  }

  @Test
  void refusesWhatIsNotARate() {
    assertThatThrownBy(() -> Rate.parse("20")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.parse("0/1h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.parse("5/0s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.parse("x/1h")).isInstanceOf(NumberFormatException.class);
  }
}
