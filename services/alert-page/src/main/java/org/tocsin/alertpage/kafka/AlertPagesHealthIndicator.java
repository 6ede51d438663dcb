package org.tocsin.alertpage.kafka;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.tocsin.alertpage.pages.PageStore;
import org.tocsin.dispatcher.topic.TopicFollower;

/**
 * UP once every alert the topic held at start has its pages (before that, an unknown alert may
 * just not be read yet, and a load balancer should send readers elsewhere); OUT_OF_SERVICE
 * until then. Part of the readiness group.
 */
final class AlertPagesHealthIndicator extends AbstractHealthIndicator {

  private final PageStore store;
  private final TopicFollower<?> follower;

  AlertPagesHealthIndicator(PageStore store, TopicFollower<?> follower) {
    this.store = store;
    this.follower = follower;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    health.withDetail("alerts", store.size()).withDetail("topic", follower.topicName());
    if (follower.catchUpTime() != null) {
      health.withDetail("catchUpMillis", follower.catchUpTime().toMillis());
    }
    if (store.complete()) {
      health.up();
    } else {
      health.outOfService();
    }
  }
}
