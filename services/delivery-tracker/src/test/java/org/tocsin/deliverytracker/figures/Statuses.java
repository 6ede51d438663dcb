package org.tocsin.deliverytracker.figures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;

/** Statuses as dispatchers and provider callbacks write them, for tests. */
public final class Statuses {

  public static final String ALERT = "alert-1";

  private Statuses() {
  }

  /** A status the sender wrote (it names the subscriber and the task's zones). */
  public static DeliveryStatus fromSender(String taskId, DeliveryOutcome outcome, long at,
                                          List<String> zones, String provider) {
    return builder(taskId, outcome, at).setSubscriberId("subscriber-" + taskId)
        .setZoneIds(zones).setProvider(provider)
        .setProviderMessageId(provider == null ? null : "SM" + taskId).build();
  }

  /** The FAILED status of a task whose attempts ran out (it went to the dead letters). */
  public static DeliveryStatus deadLettered(String taskId, long at, List<String> zones,
                                            String errorCode) {
    return builder(taskId, DeliveryOutcome.FAILED, at).setSubscriberId("subscriber-" + taskId)
        .setZoneIds(zones).setProvider("tw").setErrorCode(errorCode)
        .setReason("dead-lettered after 6 attempts: " + errorCode).build();
  }

  /** A status a provider's callback gave (no subscriber, no zones). */
  public static DeliveryStatus callback(String taskId, DeliveryOutcome outcome, long at,
                                        String provider, String errorCode) {
    return builder(taskId, outcome, at).setProvider(provider).setErrorCode(errorCode)
        .setProviderMessageId("SM" + taskId).build();
  }

  public static DeliveryStatus report(long targeted, Map<String, Long> byZone, long at) {
    return builder("fanout/" + ALERT + "/1/SMS", DeliveryOutcome.FANNED_OUT, at)
        .setZoneIds(List.copyOf(byZone.keySet()))
        .setFanOut(FanOutReport.newBuilder().setTargeted(targeted).setTargetedByZone(byZone)
            .setMatchingMillis(1).setDurationMillis(2).build()).build();
  }

  private static DeliveryStatus.Builder builder(String taskId, DeliveryOutcome outcome,
                                                long at) {
    return DeliveryStatus.newBuilder().setTaskId(taskId).setOutcome(outcome)
        .setAt(Instant.ofEpochMilli(at)).setChannel(Channel.SMS).setLane(Lane.HIGH)
        .setKind(TaskKind.ALERT).setAlertId(ALERT).setAlertVersion(1).setSubscriberId(null)
        .setZoneIds(List.of()).setAttempt(1).setProvider(null).setProviderMessageId(null)
        .setErrorCode(null).setReason(null).setFanOut(null);
  }
}
