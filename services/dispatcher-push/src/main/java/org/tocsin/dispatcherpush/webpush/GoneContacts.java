package org.tocsin.dispatcherpush.webpush;

import org.tocsin.events.v1.DeliveryTask;

/** Where the gateway reports a subscription its push service says is gone. */
public interface GoneContacts {

  /**
   * The push service answered {@code status} (404 or 410) for this task's recipient.
   *
   * @param provider the account that found it
   */
  void gone(DeliveryTask task, int status, String provider);
}
