package org.tocsin.alertintake.operator;

/** What a person may do in alert-intake; read from the access token. */
public enum Role {
  /** Drafts alerts, issues exercises and tests, asks for the release of actual alerts. */
  OPERATOR,
  /** Releases an actual alert drafted by someone else (four eyes); corrects and cancels. */
  APPROVER,
  /** Reads alerts and their audit trail. */
  AUDITOR,
  /** Maintains the zone catalogue. */
  ADMIN
}
