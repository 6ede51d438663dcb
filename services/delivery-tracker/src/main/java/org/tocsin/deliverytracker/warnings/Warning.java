package org.tocsin.deliverytracker.warnings;

import java.time.Instant;
import org.tocsin.events.v1.Channel;

/**
 * Something a duty officer must look at now. Each kind is also a Prometheus alert rule in
 * {@code deploy/prometheus/rules/delivery-tracker.yml}, on the metric named here.
 *
 * @param alertId, version, channel what it is about, where it is about one alert version
 * @param subject the provider account or lane it is about, if any
 * @param since when the condition began, as far as the tracker can tell
 */
public record Warning(Kind kind, String alertId, Integer version, Channel channel,
                      String subject, String message, Instant since) {

  public enum Kind {
    /** Work pending, nothing finished for the configured time. */
    STALLED("tocsin_tracker_stalled"),
    /** A provider's recent error rate jumped. */
    PROVIDER_ERRORS("tocsin_tracker_provider_error_ratio"),
    /** A provider's recent delivery latency jumped. */
    PROVIDER_LATENCY("tocsin_tracker_provider_delivery_seconds"),
    /** A lane's backlog grew over the whole window. */
    LANE_GROWING("tocsin_tracker_lane_backlog"),
    /** Records sit in the quarantine. */
    QUARANTINE("tocsin_tracker_quarantined_records"),
    /** An ACTUAL alert version got no fan-out report from a channel in time. */
    NO_FAN_OUT_REPORT("tocsin_tracker_fanout_reports_missing");

    private final String metric;

    Kind(String metric) {
      this.metric = metric;
    }

    public String metric() {
      return metric;
    }
  }
}
