package org.tocsin.subscriptions.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.subscriptions.zone.ZoneFollowers;

/**
 * Keeps followers of a zone in step with the catalogue: when an event zone's end moves, or a
 * zone leaves the catalogue, each follower is locked (in id order), changed and published again.
 */
@Component
class ZoneFollowerRepublisher implements ZoneFollowers {

  private final SubscriberRepository subscribers;
  private final SubscriberPublication publication;
  private final Clock clock;

  ZoneFollowerRepublisher(SubscriberRepository subscribers, SubscriberPublication publication,
                          Clock clock) {
    this.subscribers = subscribers;
    this.publication = publication;
    this.clock = clock;
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void zoneEndChanged(String zoneId) {
    republish(subscribers.lockAll(subscribers.followersOf(zoneId)));
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void zoneRemoved(String zoneId) {
    List<UUID> followers = subscribers.lockAll(subscribers.followersOf(zoneId));
    subscribers.unfollowZone(zoneId);
    republish(followers);
  }

  private void republish(List<UUID> followers) {
    Instant now = clock.instant();
    for (UUID follower : followers) {
      subscribers.touch(follower, now);
      publication.publish(follower);
    }
  }
}
