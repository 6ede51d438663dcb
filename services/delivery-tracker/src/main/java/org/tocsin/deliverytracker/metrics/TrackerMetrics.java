package org.tocsin.deliverytracker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.live.AlertProgress;
import org.tocsin.deliverytracker.live.LiveSnapshot;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.events.v1.Channel;

/**
 * The warnings' conditions as Prometheus gauges, from each monitor snapshot, so that the alert
 * rules in {@code deploy/prometheus/rules/delivery-tracker.yml} see what the dashboard shows.
 * Tags are channels, lanes, provider accounts and topics; alert ids only on the per-alert
 * gauges, and only for the recent alerts the dashboard shows (at most 50), for the Grafana
 * dashboard of one alert and channel.
 */
public final class TrackerMetrics {

  private final MultiGauge stalled;
  private final MultiGauge missingReports;
  private final MultiGauge laneBacklog;
  private final MultiGauge providerErrors;
  private final MultiGauge providerLatency;
  private final MultiGauge quarantined;
  private final MultiGauge alertTasks;
  private final MultiGauge alertTargeted;
  private final MultiGauge alertPending;
  private final MultiGauge alertRate;

  public TrackerMetrics(MeterRegistry registry) {
    stalled = MultiGauge.builder("tocsin.tracker.stalled")
        .description("Alert versions in force with work pending and nothing finished for the "
            + "configured time, per channel").register(registry);
    missingReports = MultiGauge.builder("tocsin.tracker.fanout.reports.missing")
        .description("ACTUAL alert versions in force without a fan-out report from the channel "
            + "after the configured time").register(registry);
    laneBacklog = MultiGauge.builder("tocsin.tracker.lane.backlog")
        .description("Tasks queued and not finished, per channel and lane").register(registry);
    providerErrors = MultiGauge.builder("tocsin.tracker.provider.error.ratio")
        .description("Failed and retried attempts over all attempts of a provider account in "
            + "the recent window").register(registry);
    providerLatency = MultiGauge.builder("tocsin.tracker.provider.delivery")
        .baseUnit("seconds")
        .description("Mean delivery latency (SENT to DELIVERED) of a provider account in the "
            + "recent window").register(registry);
    quarantined = MultiGauge.builder("tocsin.tracker.quarantined.records")
        .description("Records in the quarantine, by the topic they came from")
        .register(registry);
    alertTasks = MultiGauge.builder("tocsin.tracker.alert.tasks")
        .description("Tasks of a recent alert version and channel, per category (sent, "
            + "delivered, failed, ...)").register(registry);
    alertTargeted = MultiGauge.builder("tocsin.tracker.alert.targeted")
        .description("Recipients a recent alert version's fan-out targeted on the channel")
        .register(registry);
    alertPending = MultiGauge.builder("tocsin.tracker.alert.pending")
        .description("Tasks of a recent alert version and channel not finished yet")
        .register(registry);
    alertRate = MultiGauge.builder("tocsin.tracker.alert.finished.rate")
        .description("Tasks finished per second lately, per recent alert version and channel")
        .register(registry);
  }

  public void record(LiveSnapshot snapshot) {
    stalled.register(perChannel(snapshot.warnings(), Warning.Kind.STALLED), true);
    missingReports.register(perChannel(snapshot.warnings(), Warning.Kind.NO_FAN_OUT_REPORT),
        true);
    laneBacklog.register(snapshot.lanes().stream().map(lane -> MultiGauge.Row.of(
        Tags.of("channel", lane.channel().name(), "lane", lane.lane().name()),
        lane.backlog())).toList(), true);
    List<MultiGauge.Row<?>> errors = new ArrayList<>();
    List<MultiGauge.Row<?>> latencies = new ArrayList<>();
    snapshot.providers().forEach((provider, recent) -> {
      if (recent.attempts() > 0) {
        errors.add(MultiGauge.Row.of(Tags.of("provider", provider), recent.errorRate()));
      }
      if (recent.meanLatencyMillis() >= 0) {
        latencies.add(MultiGauge.Row.of(Tags.of("provider", provider),
            recent.meanLatencyMillis() / 1000.0));
      }
    });
    providerErrors.register(errors, true);
    providerLatency.register(latencies, true);
    quarantined.register(snapshot.quarantined().entrySet().stream().map(entry ->
        MultiGauge.Row.of(Tags.of("source_topic", entry.getKey()), entry.getValue())).toList(),
        true);
    List<MultiGauge.Row<?>> tasks = new ArrayList<>();
    List<MultiGauge.Row<?>> targeted = new ArrayList<>();
    List<MultiGauge.Row<?>> pending = new ArrayList<>();
    List<MultiGauge.Row<?>> rates = new ArrayList<>();
    for (AlertProgress alert : snapshot.alerts()) {
      for (SeriesView series : alert.channels()) {
        Tags tags = Tags.of("alert_id", series.alertId(), "version",
            String.valueOf(series.version()), "channel", series.channel().name());
        series.counts().forEach((category, count) -> tasks.add(MultiGauge.Row.of(
            tags.and("category", category.name()), count)));
        targeted.add(MultiGauge.Row.of(tags, series.targeted()));
        pending.add(MultiGauge.Row.of(tags, series.pending()));
        rates.add(MultiGauge.Row.of(tags, series.finishedPerSecond()));
      }
    }
    alertTasks.register(tasks, true);
    alertTargeted.register(targeted, true);
    alertPending.register(pending, true);
    alertRate.register(rates, true);
  }

  private static List<MultiGauge.Row<?>> perChannel(List<Warning> warnings, Warning.Kind kind) {
    Map<Channel, Long> counts = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      counts.put(channel, 0L);
    }
    for (Warning warning : warnings) {
      if (warning.kind() == kind && warning.channel() != null) {
        counts.merge(warning.channel(), 1L, Long::sum);
      }
    }
    return counts.entrySet().stream().<MultiGauge.Row<?>>map(entry -> MultiGauge.Row.of(
        Tags.of("channel", entry.getKey().name()), entry.getValue())).toList();
  }
}
