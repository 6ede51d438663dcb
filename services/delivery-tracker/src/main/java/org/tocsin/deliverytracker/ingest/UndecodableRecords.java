package org.tocsin.deliverytracker.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where the ingest puts a record it cannot decode or apply, before it goes on. */
public interface UndecodableRecords {

  /** Must not return before the record is kept somewhere: the ingest moves past it. */
  void quarantine(ConsumerRecord<byte[], byte[]> record, Exception failure);
}
