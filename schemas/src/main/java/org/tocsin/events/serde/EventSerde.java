package org.tocsin.events.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Serializer and deserializer of one Tocsin event type. */
public final class EventSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

  public EventSerde(Class<T> type) {
    super(new EventSerializer<>(), new EventDeserializer<>(EventTypes.of(type).javaClass()));
  }
}
