package org.tocsin.alertintake.alert;

/** Where an alert is in its life. */
public enum AlertState {
  DRAFT,
  /** An ACTUAL alert whose issue was asked for, waiting for a second person's approval. */
  APPROVAL_REQUIRED,
  ISSUED,
  UPDATED,
  CANCELLED,
  EXPIRED,
  REJECTED;

  /** Not over: its zones cannot be deleted and it may still be sent or changed. */
  public boolean isActive() {
    return this == DRAFT || this == APPROVAL_REQUIRED || this == ISSUED || this == UPDATED;
  }

  /** Published and not over: citizens are being warned. */
  public boolean isLive() {
    return this == ISSUED || this == UPDATED;
  }
}
