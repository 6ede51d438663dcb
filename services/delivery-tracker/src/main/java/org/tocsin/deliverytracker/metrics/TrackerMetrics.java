package org.tocsin.deliverytracker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tocsin.deliverytracker.live.LiveSnapshot;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.events.v1.Channel;

/**
 * The warnings' conditions as Prometheus gauges, from each monitor snapshot, so that the alert
 * rules in {@code deploy/prometheus/rules/delivery-tracker.yml} see what the dashboard shows.
 * Tags are channels, lanes, provider accounts and topics: never an alert id (unbounded).
 */
public final class TrackerMetrics {

  private final MultiGauge stalled;
  private final MultiGauge missingReports;
  private final MultiGauge laneBacklog;
  private final MultiGauge providerErrors;
  private final MultiGauge providerLatency;
  private final MultiGauge quarantined;

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
