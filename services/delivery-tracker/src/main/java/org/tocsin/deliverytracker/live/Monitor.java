package org.tocsin.deliverytracker.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.Deliveries;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.figures.ProviderActivity;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.figures.SeriesViews;
import org.tocsin.deliverytracker.ingest.IngestProgress;
import org.tocsin.deliverytracker.warnings.LaneBacklogs;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.deliverytracker.warnings.WarningRules;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Lane;

/**
 * Once a second: the progress of the recent alerts, the lanes' backlogs and the warnings,
 * handed to whoever listens (the dashboard's event streams, the metrics).
 */
public final class Monitor {

  /** Alerts shown: those in force, and those that ended less than this long ago. */
  private static final Duration RECENT = Duration.ofHours(24);
  private static final int MAX_ALERTS = 50;

  private final DeliveryState state;
  private final WarningRules rules;
  private final LaneBacklogs lanes;
  private final Supplier<Map<String, Long>> quarantined;
  private final IngestProgress ingest;
  private final int providerWindowSeconds;
  private final Clock clock;
  private final List<Consumer<LiveSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile LiveSnapshot latest = LiveSnapshot.empty();

  public Monitor(DeliveryState state, WarningRules rules, LaneBacklogs lanes,
                 Supplier<Map<String, Long>> quarantined, IngestProgress ingest,
                 Duration providerWindow, Clock clock) {
    this.state = state;
    this.rules = rules;
    this.lanes = lanes;
    this.quarantined = quarantined;
    this.ingest = ingest;
    this.providerWindowSeconds = (int) Math.max(1, providerWindow.toSeconds());
    this.clock = clock;
  }

  public LiveSnapshot latest() {
    return latest;
  }

  public void listen(Consumer<LiveSnapshot> listener) {
    listeners.add(listener);
  }

  public LiveSnapshot tick() {
    Instant now = clock.instant();
    long nowMillis = now.toEpochMilli();
    Map<String, Long> quarantine = quarantined.get();
    LiveSnapshot snapshot = state.read(deliveries -> {
      List<SeriesView> views = new ArrayList<>();
      List<AlertVersion> versions = new ArrayList<>();
      Map<LaneBacklogs.LaneKey, Long> backlogs = new HashMap<>();
      for (SeriesFigures series : deliveries.allSeries()) {
        AlertVersion version = deliveries.version(series.key().alertId(),
            series.key().version());
        if (version != null && version.expires().plus(RECENT).isBefore(now)) {
          continue;
        }
        SeriesView view = SeriesViews.of(series, version, nowMillis, false);
        views.add(view);
        if (view.lane() != null && (version == null || version.expires().isAfter(now))) {
          backlogs.merge(new LaneBacklogs.LaneKey(view.channel(), view.lane()), view.pending(),
              Long::sum);
        }
      }
      deliveries.alerts().forEach(byVersion -> byVersion.values().stream()
          .filter(version -> version.expires().plus(RECENT).isAfter(now))
          .forEach(versions::add));
      Map<LaneBacklogs.LaneKey, Long> growing = new HashMap<>();
      List<LiveSnapshot.LaneBacklog> laneBacklogs = new ArrayList<>();
      for (var channel : org.tocsin.events.v1.Channel.values()) {
        for (Lane lane : Lane.values()) {
          LaneBacklogs.LaneKey key = new LaneBacklogs.LaneKey(channel, lane);
          long backlog = backlogs.getOrDefault(key, 0L);
          laneBacklogs.add(new LiveSnapshot.LaneBacklog(channel, lane, backlog));
          lanes.sample(key, backlog, nowMillis);
          long growth = lanes.growth(key, nowMillis);
          if (growth > 0) {
            growing.put(key, growth);
          }
        }
      }
      Map<String, ProviderActivity.Recent> providers =
          deliveries.providers().recent(nowMillis, providerWindowSeconds);
      List<Warning> warnings = rules.evaluate(views, versions, providers, growing, quarantine,
          now);
      return new LiveSnapshot(now, ingest.caughtUp(), progress(deliveries, views), laneBacklogs,
          providers, Map.copyOf(quarantine), warnings);
    });
    latest = snapshot;
    for (Consumer<LiveSnapshot> listener : listeners) {
      listener.accept(snapshot);
    }
    return snapshot;
  }

  /** The latest version of each recent alert with its channels, newest first. */
  private static List<AlertProgress> progress(Deliveries deliveries, List<SeriesView> views) {
    Map<String, Integer> latestVersion = new HashMap<>();
    for (SeriesView view : views) {
      latestVersion.merge(view.alertId(), view.version(), Math::max);
    }
    List<AlertProgress> alerts = new ArrayList<>();
    latestVersion.forEach((alertId, version) -> {
      AlertVersion alert = deliveries.version(alertId, version);
      List<SeriesView> channels = views.stream().filter(view -> view.alertId().equals(alertId)
          && view.version() == version).sorted(Comparator.comparing(SeriesView::channel))
          .toList();
      alerts.add(new AlertProgress(alertId, version, alert,
          alert != null && alert.status() != AlertStatus.ACTUAL, channels));
    });
    alerts.sort(Comparator.comparing((AlertProgress progress) -> progress.alert() == null
        ? Instant.MAX : progress.alert().publishedAt()).reversed());
    return alerts.size() > MAX_ALERTS ? List.copyOf(alerts.subList(0, MAX_ALERTS)) : alerts;
  }
}
