package org.tocsin.deliverytracker.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tocsin.deliverytracker.figures.SeriesView;
import org.tocsin.deliverytracker.live.AlertProgress;
import org.tocsin.deliverytracker.live.LiveStreams;
import org.tocsin.deliverytracker.live.Monitor;
import org.tocsin.deliverytracker.warnings.Warning;
import org.tocsin.events.v1.Channel;

/** What became of the alerts' deliveries: figures, warnings, and a live stream of both. */
@RestController
@RequestMapping("/api/v1/deliveries")
@Validated
@Tag(name = "deliveries")
public class DeliveriesController {

  /** Alert ids as alert-intake makes them, and nothing that could be a path trick. */
  static final String ALERT_ID = "[A-Za-z0-9._:-]{1,200}";

  private final Monitor monitor;
  private final DeliveryQueries queries;
  private final LiveStreams streams;

  public DeliveriesController(Monitor monitor, DeliveryQueries queries, LiveStreams streams) {
    this.monitor = monitor;
    this.queries = queries;
    this.streams = streams;
  }

  @Operation(summary = "The recent alerts (in force or ended in the last 24 h), newest first, "
      + "with the progress of their latest version on each channel")
  @GetMapping
  public List<AlertProgress> recent() {
    return monitor.latest().alerts();
  }

  @Operation(summary = "The warnings now")
  @GetMapping("/warnings")
  public List<Warning> warnings() {
    return monitor.latest().warnings();
  }

  @Operation(summary = "Every version of one alert on every channel, with zones, providers, "
      + "curves and its warnings")
  @GetMapping("/{alertId}")
  public AlertDeliveries alert(@PathVariable @Pattern(regexp = ALERT_ID) String alertId) {
    return queries.alert(alertId).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No deliveries known for alert " + alertId));
  }

  @Operation(summary = "One alert version on one channel")
  @GetMapping("/{alertId}/versions/{version}/channels/{channel}")
  public SeriesView series(@PathVariable @Pattern(regexp = ALERT_ID) String alertId,
                           @PathVariable @Min(1) int version, @PathVariable Channel channel) {
    return queries.series(alertId, version, channel).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "No deliveries known for version "
            + version + " of alert " + alertId + " on " + channel));
  }

  @Operation(summary = "Messages a provider accepted whose final status (delivered or failed) "
      + "has not come after the configured time, oldest first")
  @GetMapping("/awaiting-final-status")
  public List<AwaitingFinalStatus> awaitingFinalStatus(
      @RequestParam(required = false) Channel channel,
      @RequestParam(defaultValue = "500") @Min(1) @Max(10_000) int limit) {
    return queries.awaitingFinalStatus(channel, limit);
  }

  @Operation(summary = "Server-sent events: 'overview' (recent alerts and warnings) every "
      + "second, and 'alert' (the alert's figures) when an alert id is given")
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(@RequestParam(required = false) @Pattern(regexp = ALERT_ID)
                           String alertId) {
    return streams.open(alertId);
  }
}
