package org.tocsin.deliverytracker.live;

import java.util.List;
import org.tocsin.deliverytracker.alerts.AlertVersion;
import org.tocsin.deliverytracker.figures.SeriesView;

/**
 * Where one alert's latest version stands on each channel.
 *
 * @param alert its latest known version, or null if only statuses were read (yet)
 * @param exercise whether it is an EXERCISE or TEST, shown apart from ACTUAL alerts
 */
public record AlertProgress(String alertId, int version, AlertVersion alert, boolean exercise,
                            List<SeriesView> channels) {
}
