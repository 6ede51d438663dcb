package org.tocsin.dispatcher.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.ledger.SendLedger;
import org.tocsin.dispatcher.sending.SendingLoop;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.dispatcher.topic.TopicFollower;

/**
 * UP once the directory is restored from the subscriptions topic and the sender knows every
 * alert and status it must (so it is safe to send); OUT_OF_SERVICE until then. Part of the
 * readiness group. Statuses waiting for the delivery-status topic show in the details and leave
 * it UP: sending goes on without them.
 */
public final class DispatcherHealthIndicator extends AbstractHealthIndicator {

  private final SubscriberDirectory directory;
  private final TopicFollower<?> directoryFollower;
  private final SendLedger ledger;
  private final SendingLoop sending;
  private final StatusOutbox statuses;

  public DispatcherHealthIndicator(SubscriberDirectory directory,
                                   TopicFollower<?> directoryFollower, SendLedger ledger,
                                   SendingLoop sending, StatusOutbox statuses) {
    this.directory = directory;
    this.directoryFollower = directoryFollower;
    this.ledger = ledger;
    this.sending = sending;
    this.statuses = statuses;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean restored = directoryFollower.isCaughtUp();
    boolean sendingStarted = sending.isSending();
    (restored && sendingStarted ? builder.up() : builder.outOfService())
        .withDetail("channel", directory.channel().name())
        .withDetail("directoryRestored", restored)
        .withDetail("subscribers", directory.size())
        .withDetail("sending", sendingStarted)
        .withDetail("ledgerEntries", ledger.size())
        .withDetail("statusesWaiting", statuses.waiting())
        .withDetail("statusOutage", statuses.outage());
  }
}
