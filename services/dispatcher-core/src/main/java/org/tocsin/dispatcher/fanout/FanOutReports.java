package org.tocsin.dispatcher.fanout;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;

/** The report a fan-out writes to the delivery-status topic once its tasks are committed. */
final class FanOutReports {

  private FanOutReports() {
  }

  /**
   * @param recipients who the fan-out targeted (null if it did not run)
   * @param written how many of them were given a task (fewer if a later version stopped it)
   * @param reason why it targeted no one or stopped early, or null
   */
  static DeliveryStatus of(AlertEvent alert, Channel channel, Lane lane, List<String> zoneIds,
                           Recipients recipients, int written, long matchingMillis,
                           long durationMillis, String reason) {
    Map<String, Long> byZone = new HashMap<>();
    if (recipients != null) {
      for (int i = 0; i < written; i++) {
        for (int zone : recipients.followedZones(i)) {
          byZone.merge(zoneIds.get(zone), 1L, Long::sum);
        }
      }
    }
    return DeliveryStatus.newBuilder()
        .setTaskId("fanout/" + alert.getAlertId() + "/" + alert.getVersion() + "/"
            + channel.name())
        .setOutcome(DeliveryOutcome.FANNED_OUT)
        .setAt(Instant.now())
        .setChannel(channel)
        .setLane(lane)
        .setKind(TaskKind.ALERT)
        .setAlertId(alert.getAlertId())
        .setAlertVersion(alert.getVersion())
        .setSubscriberId(null)
        .setZoneIds(zoneIds)
        .setAttempt(0)
        .setProvider(null)
        .setProviderMessageId(null)
        .setErrorCode(null)
        .setReason(reason)
        .setFanOut(FanOutReport.newBuilder()
            .setTargeted(written)
            .setTargetedByZone(byZone)
            .setMatchingMillis(matchingMillis)
            .setDurationMillis(durationMillis)
            .build())
        .build();
  }
}
