package org.tocsin.dispatcherpush;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

/** Push delivery tasks as fan-out writes them, for tests. */
public final class PushTasks {

  static {
    EventTypes.all();
  }

  private PushTasks() {
  }

  /** A high-lane task of an ACTUAL alert to this subscription, expiring in an hour. */
  public static DeliveryTask.Builder alert(String endpoint, String p256dh, String auth) {
    String alertId = UUID.randomUUID().toString();
    return DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString())
        .setKind(TaskKind.ALERT)
        .setChannel(Channel.PUSH)
        .setLane(Lane.HIGH)
        .setSubscriberId("subscriber-" + UUID.randomUUID())
        .setRecipient(endpoint)
        .setPushKeys(new PushKeys(p256dh, auth))
        .setAlertId(alertId)
        .setAlertVersion(1)
        .setIdentifier(alertId + "-1")
        .setStatus(AlertStatus.ACTUAL)
        .setMsgType(MessageType.ALERT)
        .setSeverity(Severity.SEVERE)
        .setMessage(Message.newBuilder().setLanguage("nl").setSenderName(null)
            .setHeadline("Giftige rook").setDescription("Brand in een opslagplaats.")
            .setInstruction("Blijf binnen, sluit ramen en deuren.")
            .setShortText("Giftige rook: blijf binnen.").setWeb(null).build())
        .setZoneIds(List.of())
        .setCreatedAt(Instant.now())
        .setExpires(Instant.now().plus(Duration.ofHours(1)));
  }
}
