package org.tocsin.dispatcher.fanout;

import it.unimi.dsi.fastutil.longs.LongSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.directory.Recipients;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.ledger.LedgerKeys;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.MessageType;

/**
 * Who an alert version goes to on this channel. A first version: everyone its area targets. A
 * correction goes to everyone an earlier version was sent or attempted to, from the send
 * ledger (the record of what was sent and attempted, never a new match of the directory,
 * which would miss people who moved, dropped a zone or whose event-zone subscription ended);
 * an UPDATE also to everyone its area targets now; a CANCEL to no one else. An erased
 * subscriber is not in the directory, so erasure wins.
 */
public final class FanOutTargets {

  private static final Logger log = LoggerFactory.getLogger(FanOutTargets.class);

  private final SubscriberDirectory directory;
  private final SendLedger ledger;
  private final Runnable ledgerRead;

  /**
   * @param ledgerRead waits, for a bounded time, until the ledger has read every status stored
   *     so far
   */
  public FanOutTargets(SubscriberDirectory directory, SendLedger ledger, Runnable ledgerRead) {
    this.directory = directory;
    this.ledger = ledger;
    this.ledgerRead = ledgerRead;
  }

  Recipients of(AlertTasks tasks) {
    AlertEvent alert = tasks.alert();
    boolean cancel = alert.getMsgType() == MessageType.CANCEL;
    LongSet earlier = null;
    if (alert.getVersion() > 1) {
      ledgerRead.run();
      earlier = ledger.attemptedBefore(alert.getAlertId(), alert.getVersion());
      log.info("Alert {} version {}: {} people were sent or attempted an earlier version",
          alert.getAlertId(), alert.getVersion(), earlier.size());
    }
    LongSet reached = earlier;
    return directory.match(cancel ? null : tasks.area(), tasks.zoneIds(),
        alert.getSent().toEpochMilli(), alert.getCategories(), tasks.lifeSafety(),
        reached == null || reached.isEmpty() ? null : id -> reached.contains(LedgerKeys.of(id)));
  }
}
