package org.tocsin.alertintake.alert;

/** Where a request for approval is. Only one request per alert is PENDING at a time. */
enum ApprovalState {
  /** Waits for a second person. */
  PENDING,
  /** Released by a second person: published. */
  APPROVED,
  /** Refused by an approver: nothing was published. */
  REJECTED,
  /** Replaced by a later request or by a prepared CANCEL or all-clear: nothing was published. */
  SUPERSEDED,
  /** The alert ended (withdrawn, expired) before anyone approved it. */
  DROPPED
}
