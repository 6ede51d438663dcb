package org.tocsin.alertintake.operator;

/** What a person may do in alert-intake; read from the access token, names matched exactly. */
public enum Role {
  /**
   * Drafts alerts, issues exercises and tests, asks for the release of ACTUAL alerts and their
   * changes, cancels and gives the all-clear with the prepared texts.
   */
  OPERATOR,
  /** Releases content someone else drafted and asked for (four eyes); does what OPERATOR does. */
  APPROVER,
  /** Reads alerts and their audit trail. */
  AUDITOR,
  /** Maintains the zone catalogue; releases nothing. */
  ADMIN
}
