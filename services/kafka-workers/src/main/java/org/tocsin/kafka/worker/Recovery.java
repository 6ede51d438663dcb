package org.tocsin.kafka.worker;

import org.tocsin.kafka.quarantine.Quarantine;

/**
 * How a consumer recovers: a record it cannot decode or process goes to the quarantine, a
 * session that fails starts again after the restart back-off.
 */
public record Recovery(Quarantine quarantine, RestartBackOff restart) {
}
