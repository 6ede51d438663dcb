package org.tocsin.deliverytracker.figures;

import java.util.List;
import java.util.Map;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * What the tracker knows of one alert version on one channel, at one moment.
 *
 * @param alert the alert version, or null if it has not been read (yet)
 * @param targeted what the fan-out report gave, or -1 before it came
 * @param total what the percentages refer to: the largest of targeted, queued and finished
 * @param pending total less the finished
 * @param finishedPerSecond tasks finished per second over the last 10 s
 * @param etaSeconds at that pace, how long until nothing is pending; null if it is not moving
 * @param awaitingFinalStatus SENT messages whose provider has not reported a final status yet
 * @param curves cumulative sent and delivered over time (ms since issue, count); empty in lists
 */
public record SeriesView(String alertId, int version, Channel channel, Lane lane,
                         AlertVersion alert, long targeted, long total,
                         Map<Category, Long> counts, long pending,
                         Map<String, Long> failedByReason, Timings timings,
                         double finishedPerSecond, Long etaSeconds, Long fanOutAt,
                         String fanOutReason, long lastProgressAt, long firstEventAt,
                         int awaitingFinalStatus,
                         List<PartView> zones, List<PartView> providers,
                         Map<String, List<long[]>> curves) {
}
