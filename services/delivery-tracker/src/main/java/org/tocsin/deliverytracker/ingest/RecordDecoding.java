package org.tocsin.deliverytracker.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.tocsin.deliverytracker.deadletter.DeadLetter;
import org.tocsin.deliverytracker.quarantine.QuarantineEntry;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;

/** Turns raw records of the tracker's topics into what it counts. */
final class RecordDecoding {

  /** Headers Spring Kafka's dead-letter publisher adds. */
  static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
  /** Headers of the quarantine (services/kafka-workers' QuarantineHeaders). */
  static final String Q_SOURCE_TOPIC = "tocsin-quarantine-source-topic";
  static final String Q_SOURCE_PARTITION = "tocsin-quarantine-source-partition";
  static final String Q_SOURCE_OFFSET = "tocsin-quarantine-source-offset";
  static final String Q_CONSUMER = "tocsin-quarantine-consumer";
  static final String Q_REASON = "tocsin-quarantine-reason";
  static final String Q_ERROR_TYPE = "tocsin-quarantine-error-type";

  private final EventDeserializer<AlertEvent> alerts = new EventDeserializer<>(AlertEvent.class);
  private final EventDeserializer<DeliveryStatus> statuses =
      new EventDeserializer<>(DeliveryStatus.class);
  private final EventDeserializer<DeliveryTask> tasks = new EventDeserializer<>(DeliveryTask.class);

  AlertEvent alert(ConsumerRecord<byte[], byte[]> record) {
    return alerts.deserialize(record.topic(), record.value());
  }

  DeliveryStatus status(ConsumerRecord<byte[], byte[]> record) {
    return statuses.deserialize(record.topic(), record.value());
  }

  DeliveryTask task(ConsumerRecord<byte[], byte[]> record) {
    return tasks.deserialize(record.topic(), record.value());
  }

  DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Channel channel) {
    DeliveryTask task = task(record);
    String failure = text(record.headers(), DLT_EXCEPTION_MESSAGE);
    return new DeadLetter(record.topic(), record.partition(), record.offset(), channel,
        task.getTaskId(), task.getAlertId(), task.getAlertVersion(), task.getLane(),
        text(record.headers(), DLT_ORIGINAL_TOPIC), errorCode(failure), reason(failure),
        Instant.ofEpochMilli(record.timestamp()), null);
  }

  static QuarantineEntry quarantined(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    String errorType = text(headers, Q_ERROR_TYPE);
    return new QuarantineEntry(record.partition(), record.offset(),
        text(headers, Q_SOURCE_TOPIC), integer(text(headers, Q_SOURCE_PARTITION)),
        longValue(text(headers, Q_SOURCE_OFFSET)), text(headers, Q_CONSUMER),
        text(headers, Q_REASON),
        errorType == null ? null : errorType.substring(errorType.lastIndexOf('.') + 1),
        Instant.ofEpochMilli(record.timestamp()));
  }

  /**
   * The error code of a dispatcher's {@code DeliveryFailedException} message ("code: reason"),
   * which names no contact.
   */
  private static String errorCode(String failure) {
    String message = cause(failure);
    int colon = message == null ? -1 : message.indexOf(':');
    return colon > 0 ? message.substring(0, colon).strip() : message;
  }

  private static String reason(String failure) {
    String message = cause(failure);
    int colon = message == null ? -1 : message.indexOf(':');
    String reason = colon > 0 ? message.substring(colon + 1).strip() : null;
    return reason != null && reason.length() > 200 ? reason.substring(0, 200) : reason;
  }

  /** Spring Kafka prefixes the exception's message with the listener's own text. */
  private static String cause(String failure) {
    if (failure == null) {
      return null;
    }
    int nested = failure.lastIndexOf("DeliveryFailedException: ");
    return nested >= 0 ? failure.substring(nested + "DeliveryFailedException: ".length())
        : failure;
  }

  static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Integer integer(String text) {
    try {
      return text == null ? null : Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long longValue(String text) {
    try {
      return text == null ? null : Long.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
