package org.tocsin.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.Channel;

class TaskIdsTest {

  @Test
  void areTheNameBasedUuidsOfAlertVersionSubscriberAndChannel() {
    String alertId = "8f414274-ab93-47c5-a236-e651d01a45bf";
    String subscriberId = "a5b1c2d3-0000-4000-8000-000000000042";
    String name = "tocsin-task/36:" + alertId + "/3/36:" + subscriberId + "/SMS";

    assertThat(TaskIds.forAlert(alertId, 3, subscriberId, Channel.SMS)).isEqualTo(
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
  }
}
