package org.tocsin.dispatcherpush.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcherpush.PushTasks;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

class PushHeadersTest {

  @Test
  void ttlRunsUntilTheTaskExpiresWithinTheLongestAPushServiceKeeps() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    DeliveryTask task = PushTasks.alert("https://e", "k", "a").setExpires(now.plusSeconds(3600))
        .build();

    assertThat(PushHeaders.ttlSeconds(task, now, Duration.ofDays(28))).isEqualTo(3600);
    assertThat(PushHeaders.ttlSeconds(task, now, Duration.ofMinutes(5))).isEqualTo(300);
    assertThat(PushHeaders.ttlSeconds(task, now.plusSeconds(7200), Duration.ofDays(1))).isZero();
  }

  @Test
  void theTopicNamesTheAlertInAtMost32Base64UrlCharactersAndUrgencyFollowsTheLane() {
    DeliveryTask first = PushTasks.alert("https://e", "k", "a").setAlertId("a/é 1").build();
    DeliveryTask update = DeliveryTask.newBuilder(first).setAlertVersion(2).build();
    DeliveryTask other = DeliveryTask.newBuilder(first).setAlertId("a/é 2").build();

    assertThat(PushHeaders.topic(first)).matches("[A-Za-z0-9_-]{32}")
        .isEqualTo(PushHeaders.topic(update)).isNotEqualTo(PushHeaders.topic(other));
    assertThat(PushHeaders.topic(DeliveryTask.newBuilder(first).setAlertId(null).build()))
        .isNull();
    assertThat(PushHeaders.urgency(first)).isEqualTo("high");
    assertThat(PushHeaders.urgency(DeliveryTask.newBuilder(first).setLane(Lane.NORMAL).build()))
        .isEqualTo("normal");
  }
}
