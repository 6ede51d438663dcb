package org.tocsin.deliverytracker.quarantine;

import java.time.Instant;

/**
 * What the tracker shows of a record in the quarantine topic: where it came from, who gave up
 * on it and why. Never its key, value or error message, which can hold personal data.
 *
 * @param partition, offset where it lies in the quarantine topic
 */
public record QuarantineEntry(int partition, long offset, String sourceTopic,
                              Integer sourcePartition, Long sourceOffset, String consumer,
                              String reason, String errorType, Instant quarantinedAt) {
}
