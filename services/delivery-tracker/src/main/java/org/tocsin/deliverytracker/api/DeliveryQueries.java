package org.tocsin.deliverytracker.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tocsin.deliverytracker.TrackerProperties;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.Awaiting;
import org.tocsin.deliverytracker.figures.DeliveryState;
import org.tocsin.deliverytracker.figures.SeriesFigures;
import org.tocsin.deliverytracker.figures.SeriesKey;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.figures.SeriesViews;
import org.tocsin.deliverytracker.live.Monitor;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;

/** Reads of the figures for the API and the event streams. */
@Component
public class DeliveryQueries {

  private final DeliveryState state;
  private final Monitor monitor;
  private final Clock clock;
  private final Duration finalStatusAfter;

  public DeliveryQueries(DeliveryState state, Monitor monitor, Clock clock,
                         TrackerProperties properties) {
    this.state = state;
    this.monitor = monitor;
    this.clock = clock;
    this.finalStatusAfter = properties.finalStatus().after();
  }

  public Optional<AlertDeliveries> alert(String alertId) {
    long now = clock.millis();
    AlertDeliveries deliveries = state.read(all -> {
      List<AlertVersion> versions = all.versions(alertId);
      List<SeriesView> channels = new ArrayList<>();
      for (SeriesFigures series : all.allSeries()) {
        if (series.key().alertId().equals(alertId)) {
          channels.add(SeriesViews.of(series, all.version(alertId, series.key().version()), now,
              true));
        }
      }
      if (versions.isEmpty() && channels.isEmpty()) {
        return null;
      }
      channels.sort(Comparator.comparing(SeriesView::version).reversed()
          .thenComparing(SeriesView::channel));
      boolean exercise = !versions.isEmpty()
          && versions.getLast().status() != AlertStatus.ACTUAL;
      return new AlertDeliveries(alertId, exercise, versions, channels, List.of());
    });
    if (deliveries == null) {
      return Optional.empty();
    }
    return Optional.of(new AlertDeliveries(deliveries.alertId(), deliveries.exercise(),
        deliveries.versions(), deliveries.channels(), monitor.latest().warnings().stream()
        .filter(warning -> alertId.equals(warning.alertId())).toList()));
  }

  public Optional<SeriesView> series(String alertId, int version, Channel channel) {
    long now = clock.millis();
    return Optional.ofNullable(state.read(all -> {
      SeriesFigures series = all.existing(new SeriesKey(alertId, version, channel));
      return series == null ? null : SeriesViews.of(series, all.version(alertId, version), now,
          true);
    }));
  }

  /** SENT messages that have waited longer than the configured time for a final status. */
  public List<AwaitingFinalStatus> awaitingFinalStatus(Channel channel, int limit) {
    long before = clock.millis() - finalStatusAfter.toMillis();
    return state.read(all -> {
      List<AwaitingFinalStatus> overdue = new ArrayList<>();
      for (SeriesFigures series : all.allSeries()) {
        if (channel != null && series.key().channel() != channel) {
          continue;
        }
        for (Awaiting message : series.awaiting()) {
          if (message.sentAt() <= before) {
            overdue.add(new AwaitingFinalStatus(series.key().alertId(), series.key().version(),
                series.key().channel(), message.taskId(), message.provider(),
                message.providerMessageId(), Instant.ofEpochMilli(message.sentAt()),
                message.checks(), message.lastCheckAt() == 0 ? null
                : Instant.ofEpochMilli(message.lastCheckAt())));
          }
        }
      }
      overdue.sort(Comparator.comparing(AwaitingFinalStatus::sentAt));
      return overdue.size() > limit ? List.copyOf(overdue.subList(0, limit)) : overdue;
    });
  }
}
