package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.UUID;
import org.tocsin.alertintake.operator.Person;

/**
 * An alert: its current content (the draft, or what the latest published version said) and
 * where it is in its life. A change waiting for approval is an {@link Approval}, not part of it.
 *
 * @param version the latest published version, 0 before the first issue
 * @param createdBy who drafted it
 * @param issueRequestedBy who asked for the release of an ACTUAL alert (for display)
 * @param approvedBy who released its first version (four eyes; for display)
 * @param importedFrom the CAP message it was imported from ({@code sender/identifier}), if any
 */
public record Alert(UUID id, AlertState state, AlertContent content, int version,
                    Person createdBy, Instant createdAt, String issueRequestedBy,
                    String approvedBy, Instant updatedAt, String importedFrom) {

  Alert withState(AlertState newState, Instant at) {
    return new Alert(id, newState, content, version, createdBy, createdAt, issueRequestedBy,
        approvedBy, at, importedFrom);
  }
}
