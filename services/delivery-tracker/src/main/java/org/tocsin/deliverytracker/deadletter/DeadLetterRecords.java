package org.tocsin.deliverytracker.deadletter;

import java.util.Optional;

/** The dead-letter topics themselves: where the tasks (with their contacts) stay. */
public interface DeadLetterRecords {

  /** The raw record at {@code key}, or empty if the topic no longer holds it. */
  Optional<RawRecord> fetch(DeadLetterKey key);

  /** Writes the task back to {@code topic}, waiting until the broker has it (acks=all). */
  void writeBack(String topic, RawRecord record, String replayId);

  record RawRecord(byte[] key, byte[] value) {
  }
}
