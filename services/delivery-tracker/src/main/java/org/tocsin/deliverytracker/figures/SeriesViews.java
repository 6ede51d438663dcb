package org.tocsin.deliverytracker.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.tocsin.deliverytracker.alerts.AlertVersion;

/** Builds {@link SeriesView}s from a series' figures (under the state's read lock). */
public final class SeriesViews {

  private static final int RATE_WINDOW_SECONDS = 10;
  private static final int CURVE_POINTS = 300;

  private SeriesViews() {
  }

  /**
   * @param detail with zones, providers and curves
   */
  public static SeriesView of(SeriesFigures figures, AlertVersion alert, long now,
                              boolean detail) {
    Counts counts = figures.counts;
    long total = total(figures.targeted, counts);
    long origin = origin(figures, alert);
    double rate = figures.finishedPerSecond(now, RATE_WINDOW_SECONDS);
    long pending = Math.max(0, total - counts.get(Category.FINISHED));
    Long eta = pending == 0 ? Long.valueOf(0) : rate > 0 ? (long) Math.ceil(pending / rate) : null;
    List<PartView> zones = new ArrayList<>();
    List<PartView> providers = new ArrayList<>();
    Map<String, List<long[]>> curves = new LinkedHashMap<>();
    if (detail) {
      figures.zones.forEach((zone, part) -> zones.add(part(zone, part, origin, null, null)));
      figures.providers.forEach((account, part) -> providers.add(part(account, part, origin,
          figures.deliveryLatencies.get(account), errorRate(part))));
      curves.put("sent", curve(figures.sentTimes, origin));
      curves.put("delivered", curve(figures.deliveredTimes, origin));
    }
    return new SeriesView(figures.key.alertId(), figures.key.version(), figures.key.channel(),
        figures.lane, alert, figures.targeted, total, counts.asMap(), pending,
        Map.copyOf(figures.failures.counts), Timings.of(figures.sentTimes,
        figures.deliveredTimes, total, origin), rate, eta,
        figures.fanOutAt == 0 ? null : figures.fanOutAt, figures.fanOutReason,
        figures.lastProgressAt, figures.firstEventAt, figures.awaiting.size(), zones, providers, curves);
  }

  static long total(long targeted, Counts counts) {
    return Math.max(targeted, Math.max(counts.get(Category.QUEUED),
        counts.get(Category.FINISHED)));
  }

  /** Timings count from the alert's issue; before the alert is known, from its first event. */
  static long origin(SeriesFigures figures, AlertVersion alert) {
    if (alert != null) {
      return alert.sent().toEpochMilli();
    }
    long first = figures.sentTimes.first();
    return first >= 0 ? first : figures.fanOutAt;
  }

  private static PartView part(String name, PartFigures part, long origin, Histogram latency,
                               Double errorRate) {
    long total = total(part.targeted(), part.counts());
    Map<String, Long> latencies = new LinkedHashMap<>();
    if (latency != null && latency.getTotalCount() > 0) {
      latencies.put("p50", latency.getValueAtPercentile(50));
      latencies.put("p90", latency.getValueAtPercentile(90));
      latencies.put("p99", latency.getValueAtPercentile(99));
    }
    return new PartView(name, part.targeted(), part.counts().asMap(),
        Math.max(0, total - part.counts().get(Category.FINISHED)),
        Timings.of(part.sentTimes(), part.deliveredTimes(), total, origin), latencies,
        errorRate);
  }

  private static Double errorRate(PartFigures provider) {
    long failed = provider.counts().get(Category.FAILED);
    long retried = provider.counts().get(Category.RETRIED);
    long attempts = provider.counts().get(Category.SENT) + failed + retried;
    return attempts == 0 ? null : (failed + retried) / (double) attempts;
  }

  private static List<long[]> curve(Timeline timeline, long origin) {
    List<long[]> points = new ArrayList<>();
    for (Timeline.Point point : timeline.curve(CURVE_POINTS)) {
      points.add(new long[] {point.at() - origin, point.count()});
    }
    return points;
  }
}
