package org.tocsin.deliverytracker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs (metadata only: a record can hold a contact) what the ingest could not
 * decode; the record stays where it is on its topic.
 */
public final class LoggedUndecodableRecords implements UndecodableRecords {

  private static final Logger log = LoggerFactory.getLogger(LoggedUndecodableRecords.class);

  private final MeterRegistry meters;

  public LoggedUndecodableRecords(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void quarantine(ConsumerRecord<byte[], byte[]> record, Exception failure) {
    Counter.builder("tocsin.tracker.undecodable.records")
        .description("Records the tracker could not decode or apply")
        .tag("topic", record.topic()).register(meters).increment();
    log.error("Cannot apply the record at {}-{} offset {}: {}", record.topic(),
        record.partition(), record.offset(), failure.getClass().getSimpleName());
  }
}
