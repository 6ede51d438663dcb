package org.tocsin.kafka.quarantine;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record as a consumer read it: where it was, its raw key and value, its headers.
 *
 * @param reencoded whether {@code value} was encoded again from the decoded event rather than
 *     kept as read
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key,
                           byte[] value, Headers headers, boolean reencoded) {

  public SourceRecord {
    headers = headers == null ? new RecordHeaders() : headers;
  }

  public static SourceRecord of(ConsumerRecord<byte[], byte[]> record) {
    return new SourceRecord(record.topic(), record.partition(), record.offset(),
        record.timestamp(), record.key(), record.value(), record.headers(), false);
  }
}
