package org.tocsin.alertintake.zone;

import java.time.Instant;

/** One version of a zone: every import of a zone makes a new one. */
public record ZoneVersion(String zoneId, int version, Instant changedAt) {
}
