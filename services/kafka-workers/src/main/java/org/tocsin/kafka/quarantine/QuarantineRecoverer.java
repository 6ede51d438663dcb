package org.tocsin.kafka.quarantine;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.tocsin.events.serde.EventSerializer;

/**
 * The recoverer of a Spring Kafka listener container ({@code DefaultErrorHandler}): puts the
 * record it gave up on into the {@link Quarantine} and returns once the quarantine has it.
 * A record its {@code ErrorHandlingDeserializer} could not decode is quarantined with the bytes
 * read; one that decoded but failed in the listener with its event encoded again.
 */
public final class QuarantineRecoverer implements ConsumerRecordRecoverer {

  private final Quarantine quarantine;
  private final String consumer;

  public QuarantineRecoverer(Quarantine quarantine, String consumer) {
    this.quarantine = quarantine;
    this.consumer = consumer;
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception exception) {
    Throwable failure = exception instanceof ListenerExecutionFailedException listener
        && listener.getCause() != null ? listener.getCause() : exception;
    SourceRecord source = sourceOf(record, failure);
    // The deserializer's own failure says more than the wrapper that carries the bytes.
    if (failure instanceof DeserializationException wrapper && wrapper.getCause() != null) {
      failure = wrapper.getCause();
    }
    quarantine.quarantineAndWait(source, consumer, failure);
  }

  static SourceRecord sourceOf(ConsumerRecord<?, ?> record, Throwable failure) {
    DeserializationException undecoded = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException deserialization) {
        undecoded = deserialization;
        break;
      }
    }
    byte[] key = undecoded != null && undecoded.isKey() ? undecoded.getData()
        : bytes(record.topic(), record.key());
    boolean reencoded = undecoded == null && record.value() instanceof SpecificRecord;
    byte[] value = undecoded != null && !undecoded.isKey() ? undecoded.getData()
        : bytes(record.topic(), record.value());
    return new SourceRecord(record.topic(), record.partition(), record.offset(),
        record.timestamp(), key, value, record.headers(), reencoded);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] bytes(String topic, Object data) {
    return switch (data) {
      case null -> null;
      case byte[] raw -> raw;
      case String text -> text.getBytes(StandardCharsets.UTF_8);
      case SpecificRecord event -> new EventSerializer().serialize(topic, event);
      default -> data.toString().getBytes(StandardCharsets.UTF_8);
    };
  }
}
