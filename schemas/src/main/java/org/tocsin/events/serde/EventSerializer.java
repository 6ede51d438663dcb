package org.tocsin.events.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any Tocsin event as Avro single-object encoding: a two-byte marker, the 8-byte
 * fingerprint of the writer's schema, then the Avro binary body. Null stays null (a tombstone).
 */
public class EventSerializer<T extends SpecificRecord> implements Serializer<T> {

  @Override
  public byte[] serialize(String topic, T event) {
    if (event == null) {
      return null;
    }
    EventType<?> type = EventTypes.forClass(event.getClass()).orElseThrow(() ->
        new SerializationException("Cannot write " + event.getClass().getName()
            + " to topic " + topic + ": not a Tocsin event"));
    try {
      ByteBuffer buffer = encode(type, event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException("Cannot write " + type.name() + " to topic " + topic
          + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends SpecificRecord> ByteBuffer encode(EventType<E> type, Object event)
      throws IOException {
    return type.encoder().encode((E) event);
  }
}
