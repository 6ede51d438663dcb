package org.tocsin.dispatcherpush.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.sending.SendResult;

class PushAnswersTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
  private final PushAnswers answers = new PushAnswers(Duration.ofSeconds(10), Duration.ofHours(1));

  @Test
  void everyAnswerOfRfc8030HasItsMeaning() {
    assertThat(classify(201)).isEqualTo(new SendResult.Accepted("https://push/m/1"));
    assertThat(classify(404)).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(classify(410)).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(classify(413)).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(classify(400)).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(classify(403)).isInstanceOf(SendResult.TransientFailure.class);
    assertThat(classify(500)).isInstanceOf(SendResult.TransientFailure.class);
    assertThat(classify(503)).isInstanceOf(SendResult.TransientFailure.class);
    assertThat(PushAnswers.gone(404) && PushAnswers.gone(410) && !PushAnswers.gone(413))
        .isTrue();
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsADateAndKeptWithinBounds() {
    assertThat(answers.retryAfter(Optional.of("120"), NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(answers.retryAfter(Optional.of("Mon, 23 Nov 2026 10:16:30 GMT"), NOW))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(answers.retryAfter(Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(10));
    assertThat(answers.retryAfter(Optional.of("soon"), NOW)).isEqualTo(Duration.ofSeconds(10));
    assertThat(answers.retryAfter(Optional.of("86400"), NOW)).isEqualTo(Duration.ofHours(1));
    assertThat(answers.retryAfter(Optional.of("0"), NOW)).isEqualTo(Duration.ofMillis(1));
    assertThat(answers.classify(429, Optional.empty(), Optional.of("7"), NOW))
        .isEqualTo(new SendResult.RateLimited("push-429", Duration.ofSeconds(7)));
  }

  private SendResult classify(int status) {
    return answers.classify(status, Optional.of("https://push/m/1"), Optional.empty(), NOW);
  }
}
