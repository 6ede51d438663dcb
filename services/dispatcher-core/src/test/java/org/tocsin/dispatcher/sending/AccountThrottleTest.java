package org.tocsin.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountThrottleTest {

  @Test
  void aRateLimitAnswerLowersTheRateOncePerBurst() {
    AccountThrottle throttle = new AccountThrottle("a", new SendLimits(1000, 10));
    throttle.rateLimited();
    throttle.rateLimited();
    throttle.rateLimited();
    assertThat(throttle.currentRate()).isEqualTo(950);
  }

  @Test
  void anUnlimitedAccountGetsARateFromWhatItAchievedAtItsFirstRateLimit() throws Exception {
    AccountThrottle throttle = new AccountThrottle("a", new SendLimits(0, 100));
    assertThat(throttle.currentRate()).isZero();
    for (int i = 0; i < 50; i++) {
      throttle.acquire();
      throttle.release();
    }
    Thread.sleep(100);
    throttle.tick();
    throttle.rateLimited();
    assertThat(throttle.currentRate()).isGreaterThan(0);
  }

  @Test
  void theRateClimbsBackButNotAboveTheConfiguredOne() throws Exception {
    AccountThrottle throttle = new AccountThrottle("a", new SendLimits(100, 10));
    throttle.rateLimited();
    assertThat(throttle.currentRate()).isEqualTo(95);
    Thread.sleep(1100);
    for (int i = 0; i < 10; i++) {
      throttle.tick();
    }
    assertThat(throttle.currentRate()).isEqualTo(100);
  }

  @Test
  void limitsConcurrentRequests() throws Exception {
    AccountThrottle throttle = new AccountThrottle("a", new SendLimits(0, 2));
    throttle.acquire();
    throttle.acquire();
    assertThat(throttle.requestsInProgress(2)).isEqualTo(2);
    Thread waiting = Thread.ofVirtual().start(() -> {
      try {
        throttle.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread.sleep(100);
    assertThat(waiting.isAlive()).isTrue();
    throttle.release();
    waiting.join(1000);
    assertThat(waiting.isAlive()).isFalse();
  }
}
