package org.tocsin.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.events.v1.ZoneKind;

/** Publishes zones of the catalogue as alert-intake does. */
public final class ZoneFixtures implements AutoCloseable {

  static {
    EventTypes.all();
  }

  private final Topic<String, ZoneChanged> topic = Topics.DEFAULTS.zones();
  private final KafkaProducer<String, ZoneChanged> producer;

  public ZoneFixtures(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  public static ZoneChanged municipality(String zoneId, Map<String, String> names,
                                         List<String> postcodes, double lat, double lon) {
    return ZoneChanged.newBuilder().setZoneId(zoneId).setKind(ZoneKind.MUNICIPALITY)
        .setNames(names)
        .setPostcodes(postcodes).setInteriorPoint(new Coordinate(lat, lon))
        .setChangedAt(Instant.now()).build();
  }

  public static ZoneChanged eventZone(String zoneId, String name, Instant validUntil) {
    return ZoneChanged.newBuilder().setZoneId(zoneId).setKind(ZoneKind.EVENT)
        .setNames(Map.of("en", name)).setInteriorPoint(new Coordinate(51.09, 4.38))
        .setValidUntil(validUntil).setChangedAt(Instant.now()).build();
  }

  public void publish(ZoneChanged zone) {
    send(zone.getZoneId(), zone);
  }

  public void remove(String zoneId) {
    send(zoneId, null);
  }

  private void send(String zoneId, ZoneChanged value) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), zoneId, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot publish zone " + zoneId, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
