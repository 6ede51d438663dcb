package org.tocsin.deliverytracker.warnings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tocsin.deliverytracker.TrackerProperties;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.ProviderActivity;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;

/**
 * When the tracker warns, as pure rules over what it knows at one moment. The same conditions
 * are Prometheus alert rules on the tracker's metrics, for those who are not watching the
 * dashboard.
 */
public final class WarningRules {

  private final TrackerProperties.Warnings settings;
  private final Set<Channel> channels;

  public WarningRules(TrackerProperties.Warnings settings, Set<Channel> channels) {
    this.settings = settings;
    this.channels = Set.copyOf(channels);
  }

  /**
   * @param series the views of the alert versions in force
   * @param versions every alert version published lately
   * @param growingLanes lane backlog growth over the window, for lanes that grew
   * @param quarantined records in the quarantine by source topic
   */
  public List<Warning> evaluate(Collection<SeriesView> series, Collection<AlertVersion> versions,
                                Map<String, ProviderActivity.Recent> providers,
                                Map<LaneBacklogs.LaneKey, Long> growingLanes,
                                Map<String, Long> quarantined, Instant now) {
    List<Warning> warnings = new ArrayList<>();
    long nowMillis = now.toEpochMilli();
    for (SeriesView view : series) {
      stall(view, nowMillis).ifPresent(warnings::add);
    }
    for (AlertVersion version : versions) {
      missingReports(version, series, now, warnings);
    }
    providers.forEach((account, recent) -> provider(account, recent, now, warnings));
    growingLanes.forEach((lane, growth) -> warnings.add(new Warning(Warning.Kind.LANE_GROWING,
        null, null, lane.channel(), lane.lane().name(), "The " + lane.lane().name()
        + " lane of " + lane.channel() + " grew by " + growth + " tasks over the last "
        + settings.laneGrowthWindow().toSeconds() + " s: sending does not keep up", null)));
    quarantined.forEach((topic, count) -> warnings.add(new Warning(Warning.Kind.QUARANTINE,
        null, null, null, topic, count + " record(s) of " + topic + " in the quarantine: what "
        + "they carried was not applied", null)));
    return warnings;
  }

  private java.util.Optional<Warning> stall(SeriesView view, long now) {
    if (view.pending() == 0 || view.alert() == null
        || !view.alert().inForce(Instant.ofEpochMilli(now))) {
      return java.util.Optional.empty();
    }
    long since = view.lastProgressAt() > 0 ? view.lastProgressAt() : view.firstEventAt();
    if (since == 0 || now - since < settings.stallAfter().toMillis()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Warning(Warning.Kind.STALLED, view.alertId(),
        view.version(), view.channel(), null, view.pending() + " pending on " + view.channel()
        + " and nothing finished for " + (now - since) / 1000 + " s", Instant.ofEpochMilli(since)));
  }

  private void missingReports(AlertVersion version, Collection<SeriesView> series, Instant now,
                              List<Warning> warnings) {
    if (version.status() != AlertStatus.ACTUAL || !version.expires().isAfter(now)
        || version.publishedAt().plus(settings.fanOutReportAfter()).isAfter(now)) {
      return;
    }
    for (Channel channel : channels) {
      boolean reported = series.stream().anyMatch(view -> view.alertId()
          .equals(version.alertId()) && view.version() == version.version()
          && view.channel() == channel && view.fanOutAt() != null);
      if (!reported) {
        warnings.add(new Warning(Warning.Kind.NO_FAN_OUT_REPORT, version.alertId(),
            version.version(), channel, null, "No fan-out report from " + channel + " "
            + settings.fanOutReportAfter().toSeconds() + " s after it was published: its "
            + "dispatcher may be down, or the alert quarantined", version.publishedAt()));
      }
    }
  }

  private void provider(String account, ProviderActivity.Recent recent, Instant now,
                        List<Warning> warnings) {
    double rate = recent.errorRate();
    if (recent.attempts() >= settings.providerMinAttempts()
        && rate >= settings.providerMinErrorRate()
        && rate >= settings.providerJump() * recent.baselineErrorRate()) {
      warnings.add(new Warning(Warning.Kind.PROVIDER_ERRORS, null, null, null, account,
          String.format("%s: %.0f %% of %d attempts failed in the last %d s (%.0f %% before)",
              account, rate * 100, recent.attempts(), settings.providerWindow().toSeconds(),
              recent.baselineErrorRate() * 100), null));
    }
    long latency = recent.meanLatencyMillis();
    long baseline = recent.baselineMeanLatencyMillis();
    if (latency >= settings.providerMinLatency().toMillis()
        && (baseline <= 0 || latency >= settings.providerJump() * baseline)) {
      warnings.add(new Warning(Warning.Kind.PROVIDER_LATENCY, null, null, null, account,
          String.format("%s: deliveries took %.1f s on average in the last %d s (%s before)",
              account, latency / 1000.0, settings.providerWindow().toSeconds(),
              baseline <= 0 ? "none" : String.format("%.1f s", baseline / 1000.0)), null));
    }
  }
}
