package org.tocsin.deliverytracker.security;

/**
 * The roles of the operators' identity provider that the tracker knows, matched exactly as in
 * alert-intake.
 */
public enum Role {
  /** Reads the figures, warnings and dashboard; looks up one recipient of an alert. */
  OPERATOR,
  /** Does what OPERATOR does. */
  APPROVER,
  /** Reads the figures, warnings, dead letters and the audit of replays and look-ups. */
  AUDITOR,
  /** Reads dead letters and the quarantine, replays dead letters, looks up a recipient. */
  ADMIN
}
