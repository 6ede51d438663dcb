package org.tocsin.deliverytracker.live;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tocsin.deliverytracker.api.DeliveryQueries;

/**
 * The dashboards' event streams: each gets the overview after every monitor tick, and the
 * figures of its alert if it follows one. A stream that cannot be written to is dropped.
 */
@Component
public class LiveStreams {

  /** A dashboard reconnects by itself; a stream ends after this long (ms) to renew its token. */
  private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

  private final DeliveryQueries queries;
  private final Map<SseEmitter, String> streams = new ConcurrentHashMap<>();

  public LiveStreams(Monitor monitor, DeliveryQueries queries) {
    this.queries = queries;
    monitor.listen(this::publish);
  }

  public SseEmitter open(String alertId) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
    streams.put(emitter, alertId == null ? "" : alertId);
    emitter.onCompletion(() -> streams.remove(emitter));
    emitter.onTimeout(() -> streams.remove(emitter));
    emitter.onError(error -> streams.remove(emitter));
    return emitter;
  }

  public int open() {
    return streams.size();
  }

  private void publish(LiveSnapshot snapshot) {
    Map<String, Object> alerts = new ConcurrentHashMap<>();
    streams.forEach((emitter, alertId) -> {
      try {
        emitter.send(SseEmitter.event().name("overview").data(snapshot));
        if (!alertId.isEmpty()) {
          Object figures = alerts.computeIfAbsent(alertId,
              id -> queries.alert(id).map(Object.class::cast).orElse(Map.of()));
          emitter.send(SseEmitter.event().name("alert").data(figures));
        }
      } catch (IOException | IllegalStateException e) {
        streams.remove(emitter);
        emitter.completeWithError(e);
      }
    });
  }
}
