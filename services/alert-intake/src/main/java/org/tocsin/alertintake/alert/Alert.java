package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert: its current content (the draft, or what the latest issued version said) and where
 * it is in its life.
 *
 * @param version the latest published version, 0 before the first issue
 * @param issueRequestedBy who asked for the release of an ACTUAL alert
 * @param approvedBy who released it (four eyes)
 * @param importedFrom the CAP message it was imported from ({@code sender/identifier}), if any
 */
public record Alert(UUID id, AlertState state, AlertContent content, int version,
                    String createdBy, Instant createdAt, String issueRequestedBy,
                    String approvedBy, Instant updatedAt, String importedFrom) {

  Alert withState(AlertState newState, Instant at) {
    return new Alert(id, newState, content, version, createdBy, createdAt, issueRequestedBy,
        approvedBy, at, importedFrom);
  }
}
