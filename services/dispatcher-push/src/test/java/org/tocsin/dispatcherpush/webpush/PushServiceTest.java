package org.tocsin.dispatcherpush.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushServiceTest {

  @Test
  void aPushThatFindsNoTokenInTimeGivesItsRequestSlotBack() throws InterruptedException {
    PushService service = new PushService("fcm", 1, 1);
    assertThat(service.enter(Duration.ofMillis(10))).isTrue();
    service.leave();

    for (int i = 0; i < 50; i++) {
      assertThat(service.enter(Duration.ZERO)).isFalse();
      assertThat(service.enter(Duration.ofMillis(1))).isFalse();
    }

    assertThat(service.requestsInProgress()).isZero();
  }

  @Test
  void aBusyServiceRefusesAfterTheWaitAndAPauseLastsAsLongAsAsked() throws InterruptedException {
    PushService service = new PushService("mozilla", 0, 1);
    assertThat(service.enter(Duration.ZERO)).isTrue();
    assertThat(service.enter(Duration.ofMillis(20))).isFalse();
    service.leave();
    assertThat(service.enter(Duration.ZERO)).isTrue();

    service.pause(Duration.ofSeconds(5));
    service.pause(Duration.ofSeconds(1));

    assertThat(service.pausedFor()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
  }
}
