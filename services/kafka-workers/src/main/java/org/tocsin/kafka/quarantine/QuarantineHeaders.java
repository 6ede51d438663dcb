package org.tocsin.kafka.quarantine;

/**
 * Headers of a quarantined record, next to the source record's own headers. Values are UTF-8
 * text; partition and offset in decimal, times in ISO-8601.
 */
public final class QuarantineHeaders {

  public static final String SOURCE_TOPIC = "tocsin-quarantine-source-topic";
  public static final String SOURCE_PARTITION = "tocsin-quarantine-source-partition";
  public static final String SOURCE_OFFSET = "tocsin-quarantine-source-offset";
  public static final String SOURCE_TIMESTAMP = "tocsin-quarantine-source-timestamp";
  /** The consumer that gave up on the record (a follower, a consumer group...). */
  public static final String CONSUMER = "tocsin-quarantine-consumer";
  /** A {@link QuarantineReason}. */
  public static final String REASON = "tocsin-quarantine-reason";
  /** The failure's class name. */
  public static final String ERROR_TYPE = "tocsin-quarantine-error-type";
  /** The failure's message, which may quote the record: it stays in the topic. */
  public static final String ERROR = "tocsin-quarantine-error";
  /**
   * "true" when the value is not the bytes read but the decoded event written again with
   * today's schema (a record that decoded but could not be processed, read by a consumer that
   * no longer had the bytes).
   */
  public static final String REENCODED = "tocsin-quarantine-reencoded";

  private QuarantineHeaders() {
  }
}
