package org.tocsin.subscriptions.subscriber;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tocsin.subscriptions.SubscriptionsProperties;
import org.tocsin.subscriptions.verification.VerificationCodes;

/**
 * Deletes what is kept for nothing: subscriptions without any verified contact, unchanged for
 * {@code tocsin.subscriptions.unverified-retention} (registrations nobody confirmed, often made
 * with someone else's number), and codes expired for a day. Nothing of them is published, so
 * nothing needs a tombstone.
 */
@Component
class UnreachableSubscriberPurge {

  private static final Logger log = LoggerFactory.getLogger(UnreachableSubscriberPurge.class);

  private final SubscriberRepository subscribers;
  private final VerificationCodes codes;
  private final Duration retention;
  private final Clock clock;

  UnreachableSubscriberPurge(SubscriberRepository subscribers, VerificationCodes codes,
                             SubscriptionsProperties properties, Clock clock) {
    this.subscribers = subscribers;
    this.codes = codes;
    this.retention = properties.subscriptions().unverifiedRetention();
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
  void purge() {
    int subscribersDeleted = subscribers.deleteUnreachable(clock.instant().minus(retention));
    int codesDeleted = codes.purgeExpired();
    if (subscribersDeleted > 0 || codesDeleted > 0) {
      log.info("Purged {} subscriptions without a verified contact and {} expired codes",
          subscribersDeleted, codesDeleted);
    }
  }
}
