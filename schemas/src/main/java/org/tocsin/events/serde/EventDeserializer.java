package org.tocsin.events.serde;

import java.io.IOException;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Tocsin events written by {@link EventSerializer} with the current or any released schema
 * version. Given an expected type it refuses any other event; without one (the no-argument
 * constructor, as Kafka's configuration by class name uses) it returns whichever Tocsin event the
 * fingerprint names, unless {@value #EXPECTED_TYPE_CONFIG} is configured. A null value (a
 * tombstone) stays null; anything else that is not a Tocsin event is a {@link
 * SerializationException} naming the topic, an {@link UnknownSchemaException} if it carries the
 * fingerprint of a schema this build does not know.
 */
public class EventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  /** Consumer property naming the event class a deserializer configured by class name expects. */
  public static final String EXPECTED_TYPE_CONFIG = "tocsin.event.type";

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final int HEADER_LENGTH = 10;

  private Class<? extends SpecificRecord> expectedType;

  public EventDeserializer() {
  }

  public EventDeserializer(Class<T> expectedType) {
    this.expectedType = expectedType;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object configured = configs.get(EXPECTED_TYPE_CONFIG);
    if (expectedType != null || configured == null) {
      return;
    }
    if (configured instanceof Class<?> type) {
      expectedType = EventTypes.of(type.asSubclass(SpecificRecord.class)).javaClass();
    } else {
      try {
        Class<?> type = Class.forName(configured.toString());
        expectedType = EventTypes.of(type.asSubclass(SpecificRecord.class)).javaClass();
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new IllegalArgumentException(EXPECTED_TYPE_CONFIG + "=" + configured
            + " is not a Tocsin event class", e);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER_LENGTH || data[0] != MARKER_0 || data[1] != MARKER_1) {
      throw new SerializationException("Cannot read a Tocsin event from topic " + topic
          + ": " + data.length + " bytes without the Avro single-object header");
    }
    long fingerprint = EventTypes.fingerprintOf(data);
    EventType<?> type = EventTypes.byFingerprint(fingerprint).orElseThrow(() ->
        new UnknownSchemaException(topic, fingerprint));
    if (expectedType != null && type.javaClass() != expectedType) {
      throw new SerializationException("Topic " + topic + " carries " + type.name()
          + " where " + expectedType.getSimpleName() + " was expected");
    }
    try {
      return (T) type.decoder().decode(data);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException("Cannot read " + type.name() + " from topic " + topic
          + ": " + e.getMessage(), e);
    }
  }
}
