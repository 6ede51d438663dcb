package org.tocsin.dispatcher.ledger;

import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;

/**
 * What the ledger keeps of one status: whose task it was and what became of it.
 *
 * @param alertId the alert, or null for a verification task
 * @param version the alert's version
 * @param subscriberKey {@link LedgerKeys} of the subscriber id (0 if the status names none)
 * @param taskKey {@link LedgerKeys} of the task id
 */
public record LedgerEntry(String alertId, int version, long subscriberKey, long taskKey,
                          DeliveryOutcome outcome) {

  public static LedgerEntry of(DeliveryStatus status) {
    return new LedgerEntry(status.getAlertId(), status.getAlertVersion(),
        status.getSubscriberId() == null ? 0 : LedgerKeys.of(status.getSubscriberId()),
        LedgerKeys.of(status.getTaskId()), status.getOutcome());
  }
}
