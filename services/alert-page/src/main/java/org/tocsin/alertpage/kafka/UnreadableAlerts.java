package org.tocsin.alertpage.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.events.v1.AlertEvent;

/**
 * Reads alert events so that one record this service cannot decode never stops it from reading
 * the ones after it: the record is logged with its topic and counted
 * ({@code tocsin.alert-page.unreadable}, which an alert rule watches), and handed over as null.
 */
final class UnreadableAlerts implements Deserializer<AlertEvent> {

  private static final Logger log = LoggerFactory.getLogger(UnreadableAlerts.class);

  private final Deserializer<AlertEvent> events;
  private final Counter unreadable;

  UnreadableAlerts(Deserializer<AlertEvent> events, MeterRegistry meters) {
    this.events = events;
    this.unreadable = Counter.builder("tocsin.alert-page.unreadable")
        .description("Records of the alerts topic that could not be decoded or rendered")
        .register(meters);
  }

  @Override
  public AlertEvent deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  public AlertEvent deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return headers == null ? events.deserialize(topic, data)
          : events.deserialize(topic, headers, data);
    } catch (RuntimeException e) {
      unreadable.increment();
      log.error("A record of {} ({} bytes) cannot be decoded; it has no page: {}", topic,
          data.length, e.toString());
      return null;
    }
  }

  /** Counts a decoded version whose pages could not be rendered. */
  void unrenderable() {
    unreadable.increment();
  }

  @Override
  public void close() {
    events.close();
  }
}
