package org.tocsin.deliverytracker.api;

import java.util.List;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.warnings.Warning;

/**
 * Everything the tracker knows of one alert: its versions, the figures of each version on each
 * channel (with zones, providers and curves), and the warnings about it.
 */
public record AlertDeliveries(String alertId, boolean exercise, List<AlertVersion> versions,
                              List<SeriesView> channels, List<Warning> warnings) {
}
