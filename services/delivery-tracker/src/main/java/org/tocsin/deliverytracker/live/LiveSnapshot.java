package org.tocsin.deliverytracker.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tocsin.deliverytracker.figures.ProviderActivity;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * What the dashboard and the metrics show at one moment: recent alerts' progress, the lanes'
 * backlogs, the providers' recent health, the quarantine and the warnings.
 *
 * @param providers each provider account's recent window against the minutes before it
 * @param quarantined records in the quarantine by source topic
 */
public record LiveSnapshot(Instant at, boolean caughtUp, List<AlertProgress> alerts,
                           List<LaneBacklog> lanes, Map<String, ProviderActivity.Recent> providers,
                           Map<String, Long> quarantined, List<Warning> warnings) {

  /** Tasks of a lane queued and not finished, over the alert versions in force. */
  public record LaneBacklog(Channel channel, Lane lane, long backlog) {
  }

  public static LiveSnapshot empty() {
    return new LiveSnapshot(Instant.EPOCH, false, List.of(), List.of(), Map.of(), Map.of(),
        List.of());
  }
}
