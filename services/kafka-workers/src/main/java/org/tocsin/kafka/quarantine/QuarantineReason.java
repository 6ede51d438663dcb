package org.tocsin.kafka.quarantine;

import org.apache.kafka.common.errors.SerializationException;
import org.tocsin.events.serde.UnknownSchemaException;

/** Why a record was quarantined. */
public enum QuarantineReason {

  /** Written with a schema this build does not know: a newer producer (see the upgrade order). */
  UNKNOWN_SCHEMA,
  /** Not a Tocsin event at all, or a damaged one. */
  UNDECODABLE,
  /** Decoded, but handling it failed for a reason of its own (not an outage). */
  UNPROCESSABLE;

  public static QuarantineReason of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownSchemaException) {
        return UNKNOWN_SCHEMA;
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SerializationException
          || cause.getClass().getName().endsWith(".DeserializationException")) {
        return UNDECODABLE;
      }
    }
    return UNPROCESSABLE;
  }
}
