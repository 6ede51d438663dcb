package org.tocsin.deliverytracker.figures;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;

/**
 * The figures of every alert version and channel, and the alert versions they belong to. The
 * events it is given decide everything; it knows nothing of Kafka or threads (see
 * {@link DeliveryState} for how it is shared).
 */
public final class Deliveries {

  private final Set<Channel> finalStatusChannels;
  private final Map<SeriesKey, SeriesFigures> series = new HashMap<>();
  private final Map<String, TreeMap<Integer, AlertVersion>> alerts = new HashMap<>();
  private final ProviderActivity providers = new ProviderActivity();
  private long verificationStatuses;
  private long events;

  /**
   * @param finalStatusChannels channels whose providers report a final status after SENT
   *     (SMS delivery reports): their SENT messages wait for one
   */
  public Deliveries(Set<Channel> finalStatusChannels) {
    this.finalStatusChannels = Set.copyOf(finalStatusChannels);
  }

  public void alert(AlertEvent event, Instant publishedAt) {
    alerts.computeIfAbsent(event.getAlertId(), id -> new TreeMap<>())
        .put(event.getVersion(), AlertVersion.of(event, publishedAt));
    events++;
  }

  public void alert(AlertVersion version) {
    alerts.computeIfAbsent(version.alertId(), id -> new TreeMap<>())
        .put(version.version(), version);
  }

  /** A status or fan-out report read from the delivery-status topic. */
  public void status(DeliveryStatus status, long arrivedAt) {
    events++;
    if (status.getKind() == TaskKind.VERIFICATION || status.getAlertId() == null) {
      verificationStatuses++;
      return;
    }
    SeriesFigures figures = figures(new SeriesKey(status.getAlertId(), status.getAlertVersion(),
        status.getChannel()));
    if (status.getOutcome() == DeliveryOutcome.FANNED_OUT) {
      figures.fanOut(status, arrivedAt);
    } else {
      figures.status(status, arrivedAt);
    }
  }

  /** A task read from a lane's topic. */
  public void queued(String taskId, String alertId, int version, Channel channel, Lane lane,
                     List<String> zoneIds, long createdAt, int partition, long offset,
                     long arrivedAt) {
    events++;
    if (alertId == null) {
      return;
    }
    figures(new SeriesKey(alertId, version, channel))
        .queued(taskId, lane, zoneIds, createdAt, partition, offset, arrivedAt);
  }

  public SeriesFigures figures(SeriesKey key) {
    return series.computeIfAbsent(key, k -> {
      SeriesFigures figures = new SeriesFigures(k, finalStatusChannels.contains(k.channel()));
      figures.activity = providers;
      return figures;
    });
  }

  /** What each provider account did lately, over every series. */
  public ProviderActivity providers() {
    return providers;
  }

  public SeriesFigures existing(SeriesKey key) {
    return series.get(key);
  }

  /** Puts a series read back from the store in place. */
  public void restore(SeriesFigures figures) {
    figures.activity = providers;
    series.put(figures.key(), figures);
  }

  public Collection<SeriesFigures> allSeries() {
    return series.values();
  }

  public AlertVersion version(String alertId, int version) {
    TreeMap<Integer, AlertVersion> versions = alerts.get(alertId);
    return versions == null ? null : versions.get(version);
  }

  /** Every known version of the alert, oldest first. */
  public List<AlertVersion> versions(String alertId) {
    TreeMap<Integer, AlertVersion> versions = alerts.get(alertId);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  public Collection<TreeMap<Integer, AlertVersion>> alerts() {
    return alerts.values();
  }

  /** Forgets the series and alerts for which {@code old} holds. */
  public void forget(Predicate<AlertVersion> old) {
    alerts.values().forEach(versions -> versions.values().removeIf(old));
    alerts.values().removeIf(Map::isEmpty);
    series.keySet().removeIf(key -> version(key.alertId(), key.version()) == null);
  }

  public long events() {
    return events;
  }

  public long verificationStatuses() {
    return verificationStatuses;
  }
}
