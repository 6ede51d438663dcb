package org.tocsin.subscriptions.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.subscriptions.contact.PushSubscription;

/**
 * The delivery task that carries a code to its contact, as the dispatchers expect it: kind
 * VERIFICATION on the normal lane, status SYSTEM, the code in the short text, expiring with the
 * code.
 */
final class VerificationTasks {

  static final String HEADLINE = "Tocsin";

  private VerificationTasks() {
  }

  static DeliveryTask task(Recipient recipient, String shortText, String description,
                           Instant createdAt, Instant expires) {
    PushKeys pushKeys = recipient.address() instanceof PushSubscription push
        ? new PushKeys(push.p256dh(), push.auth())
        : null;
    return DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString())
        .setKind(TaskKind.VERIFICATION)
        .setChannel(recipient.address().channel())
        .setLane(Lane.NORMAL)
        .setSubscriberId(recipient.subscriberId().toString())
        .setRecipient(recipient.address().address())
        .setPushKeys(pushKeys)
        .setAlertId(null)
        .setAlertVersion(0)
        .setIdentifier(null)
        .setStatus(AlertStatus.SYSTEM)
        .setMsgType(MessageType.ALERT)
        .setSeverity(Severity.UNKNOWN)
        .setMessage(Message.newBuilder()
            .setLanguage(recipient.language())
            .setSenderName(null)
            .setHeadline(HEADLINE)
            .setDescription(description)
            .setInstruction(null)
            .setShortText(shortText)
            .setWeb(null)
            .build())
        .setZoneIds(List.of())
        .setCreatedAt(createdAt)
        .setExpires(expires)
        .build();
  }
}
