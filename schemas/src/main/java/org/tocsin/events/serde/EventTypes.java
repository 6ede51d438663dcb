package org.tocsin.events.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneChanged;

/** The catalogue of every event Tocsin puts on Kafka, indexed by schema fingerprint. */
public final class EventTypes {

  static {
    // Avro refuses to instantiate generated classes from packages it has not been told to trust.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        ClassSecurityValidator.getGlobal(),
        type -> type.getName().startsWith("org.tocsin.events.")));
  }

  private static final List<EventType<?>> ALL = List.of(
      new EventType<>(AlertEvent.class),
      new EventType<>(SubscriberChanged.class),
      new EventType<>(DeliveryTask.class),
      new EventType<>(DeliveryStatus.class),
      new EventType<>(ZoneChanged.class),
      new EventType<>(ContactGone.class));

  private static final Map<Long, EventType<?>> BY_FINGERPRINT = indexByFingerprint();
  private static final Map<Class<?>, EventType<?>> BY_CLASS = indexByClass();

  private EventTypes() {
  }

  public static List<EventType<?>> all() {
    return ALL;
  }

  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> EventType<T> of(Class<T> javaClass) {
    EventType<?> type = BY_CLASS.get(javaClass);
    if (type == null) {
      throw new IllegalArgumentException(javaClass.getName() + " is not a Tocsin event");
    }
    return (EventType<T>) type;
  }

  static Optional<EventType<?>> forClass(Class<?> javaClass) {
    return Optional.ofNullable(BY_CLASS.get(javaClass));
  }

  /** The type whose current or released schema has this CRC-64-AVRO fingerprint. */
  static Optional<EventType<?>> byFingerprint(long fingerprint) {
    return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
  }

  /** Reads the writer's schema fingerprint of an Avro single-object encoded message. */
  static long fingerprintOf(byte[] message) {
    return ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static Map<Long, EventType<?>> indexByFingerprint() {
    Map<Long, EventType<?>> index = new HashMap<>();
    for (EventType<?> type : ALL) {
      index.put(SchemaNormalization.parsingFingerprint64(type.currentSchema()), type);
      type.releasedSchemas().forEach(
          schema -> index.put(SchemaNormalization.parsingFingerprint64(schema), type));
    }
    return Map.copyOf(index);
  }

  private static Map<Class<?>, EventType<?>> indexByClass() {
    Map<Class<?>, EventType<?>> index = new HashMap<>();
    ALL.forEach(type -> index.put(type.javaClass(), type));
    return Map.copyOf(index);
  }
}
