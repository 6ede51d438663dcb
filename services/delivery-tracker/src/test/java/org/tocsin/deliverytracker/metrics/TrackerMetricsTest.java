package org.tocsin.deliverytracker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tocsin.deliverytracker.figures.Category;
import org.tocsin.deliverytracker.figures.ProviderActivity;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.figures.Timings;
import org.tocsin.deliverytracker.live.AlertProgress;
import org.tocsin.deliverytracker.live.LiveSnapshot;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TrackerMetricsTest {

  private static final Path DEPLOY = Path.of("..", "..", "deploy");
  private static final Pattern TRACKER_METRIC = Pattern.compile("tocsin_tracker_[a-z_]+");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TrackerMetrics metrics = new TrackerMetrics(registry);

  @Test
  void everyTrackerMetricTheGrafanaDashboardsAndAlertRulesQueryIsExposed() throws IOException {
    metrics.record(snapshot(Map.of("twilio-primary", new ProviderActivity.Recent(40, 10, 400, 4,
        30, 60_000, 300, 300_000)), Map.of("tocsin.alerts.v1", 2L)));
    String scrape = registry.scrape();

    Set<String> queried = new TreeSet<>();
    for (JsonNode dashboard : dashboards()) {
      dashboard.findValues("expr").forEach(expr -> queried.addAll(names(expr.asText())));
      dashboard.findValues("definition").forEach(query -> queried.addAll(names(query.asText())));
    }
    assertThat(queried).contains("tocsin_tracker_alert_tasks", "tocsin_tracker_lane_backlog");
    Set<String> inRules = names(Files.readString(DEPLOY.resolve(
        "prometheus/rules/delivery-tracker.yml")));
    assertThat(inRules).hasSize(Warning.Kind.values().length);
    for (Warning.Kind kind : Warning.Kind.values()) {
      assertThat(inRules).contains(kind.metric());
    }
    queried.addAll(inRules);
    for (String metric : queried) {
      assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "\\{");
    }
  }

  @Test
  void perAlertSeriesGoWhenTheAlertLeavesTheRecentOnes() {
    metrics.record(snapshot(Map.of(), Map.of()));
    assertThat(registry.scrape()).contains("alert_id=\"A-1\"");
    metrics.record(new LiveSnapshot(Instant.now(), true, List.of(), List.of(), Map.of(), Map.of(),
        List.of()));
    assertThat(registry.scrape()).doesNotContain("alert_id=\"A-1\"")
        .containsPattern("(?m)^tocsin_tracker_stalled\\{.*channel=\"SMS\".*\\} 0");
  }

  @Test
  void stallsAndMissingReportsAreCountedPerChannel() {
    metrics.record(snapshot(Map.of(), Map.of()));
    assertThat(registry.get("tocsin.tracker.stalled").tag("channel", "SMS").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get("tocsin.tracker.stalled").tag("channel", "EMAIL").gauge().value())
        .isZero();
    assertThat(registry.get("tocsin.tracker.fanout.reports.missing").tag("channel", "PUSH")
        .gauge().value()).isEqualTo(1);
  }

  private static LiveSnapshot snapshot(Map<String, ProviderActivity.Recent> providers,
                                       Map<String, Long> quarantined) {
    SeriesView series = new SeriesView("A-1", 1, Channel.SMS, Lane.HIGH, null, 100, 100,
        Map.of(Category.SENT, 40L, Category.DELIVERED, 30L, Category.FAILED, 2L), 58, Map.of(),
        new Timings(null, null, null, null, null, null, null, null, null, null), 3.5, 17L,
        null, null, 0, 0, 0, List.of(), List.of(), Map.of());
    List<Warning> warnings = List.of(
        new Warning(Warning.Kind.STALLED, "A-1", 1, Channel.SMS, null, "stalled", null),
        new Warning(Warning.Kind.NO_FAN_OUT_REPORT, "A-1", 1, Channel.PUSH, null, "none", null));
    return new LiveSnapshot(Instant.now(), true, List.of(new AlertProgress("A-1", 1, null, false,
        List.of(series))), List.of(new LiveSnapshot.LaneBacklog(Channel.SMS, Lane.HIGH, 58)),
        providers, quarantined, warnings);
  }

  private static List<JsonNode> dashboards() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted()
          .map(file -> json.readTree(file.toFile())).toList();
    }
  }

  private static Set<String> names(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = TRACKER_METRIC.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }
}
