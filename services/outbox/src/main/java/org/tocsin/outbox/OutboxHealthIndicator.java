package org.tocsin.outbox;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the outbox backlog. It stays UP while Kafka is away, because the service keeps
 * accepting changes then (that is what the outbox is for); alert on
 * {@code tocsin.outbox.oldest.age} instead.
 */
public final class OutboxHealthIndicator extends AbstractHealthIndicator {

  private final OutboxRelay relay;

  public OutboxHealthIndicator(OutboxRelay relay) {
    this.relay = relay;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up()
        .withDetail("relaying", relay.isLeader())
        .withDetail("pending", relay.pendingCount())
        .withDetail("oldestPendingSeconds", relay.oldestPendingAge().toSeconds())
        .withDetail("publishingFailsForSeconds", relay.publishingFailsFor().toSeconds())
        .withDetail("relay", relay.state().getClass().getSimpleName());
    if (relay.lastError() != null) {
      builder.withDetail("lastError", relay.lastError());
    }
  }
}
