package org.tocsin.kafka.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What may be shown of a quarantined record: where it came from, who gave up on it and why,
 * and its size. Never its key, value or error message, which can hold personal data (a phone
 * number is the key of a delivery task).
 *
 * @param errorType the simple class name of the failure
 */
public record QuarantinedRecord(String sourceTopic, int sourcePartition, long sourceOffset,
                                String consumer, QuarantineReason reason, String errorType,
                                Instant quarantinedAt, int keyBytes, int valueBytes) {

  /** The metadata of a record read from the quarantine topic. */
  public static QuarantinedRecord of(ConsumerRecord<byte[], byte[]> quarantined) {
    Headers headers = quarantined.headers();
    String errorType = text(headers, QuarantineHeaders.ERROR_TYPE);
    return new QuarantinedRecord(text(headers, QuarantineHeaders.SOURCE_TOPIC),
        Integer.parseInt(text(headers, QuarantineHeaders.SOURCE_PARTITION)),
        Long.parseLong(text(headers, QuarantineHeaders.SOURCE_OFFSET)),
        text(headers, QuarantineHeaders.CONSUMER),
        QuarantineReason.valueOf(text(headers, QuarantineHeaders.REASON)),
        errorType == null ? null : errorType.substring(errorType.lastIndexOf('.') + 1),
        Instant.ofEpochMilli(quarantined.timestamp()),
        quarantined.key() == null ? 0 : quarantined.key().length,
        quarantined.value() == null ? 0 : quarantined.value().length);
  }

  static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
