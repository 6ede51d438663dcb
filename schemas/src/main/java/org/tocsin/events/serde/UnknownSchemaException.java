package org.tocsin.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Tocsin event written with a schema this build does not know: a producer newer than the
 * consumer. Deploying consumers before the producers of a new schema version prevents it.
 */
public class UnknownSchemaException extends SerializationException {

  private final long fingerprint;

  public UnknownSchemaException(String topic, long fingerprint) {
    super("Cannot read a Tocsin event from topic " + topic + ": unknown schema fingerprint "
        + Long.toHexString(fingerprint));
    this.fingerprint = fingerprint;
  }

  public long fingerprint() {
    return fingerprint;
  }
}
