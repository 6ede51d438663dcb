package org.tocsin.subscriptions.subscriber;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneSubscription;
import org.tocsin.outbox.Outbox;
import org.tocsin.subscriptions.contact.PushSubscription;

/**
 * Puts a subscriber's deliverable state on the compacted subscriptions topic, through the
 * outbox, in the transaction of the change (which holds the subscriber's row lock, so the
 * events of one subscriber reach the topic in the order of their changes).
 *
 * <p>The deliverable state is what a dispatcher needs and nothing more: verified contacts only.
 * A subscriber without a verified contact is a tombstone, and so is an erased one. A subscriber
 * that was never deliverable is not published at all: a tombstone for a key no reader has seen
 * tells nothing, and unverified registrations (which anyone can make) then never reach the
 * topic every dispatcher replays.
 */
@Component
public class SubscriberPublication {

  private final SubscriberRepository subscribers;
  private final Outbox outbox;
  private final Topic<String, SubscriberChanged> topic;

  SubscriberPublication(SubscriberRepository subscribers, Outbox outbox, Topics topics) {
    this.subscribers = subscribers;
    this.outbox = outbox;
    this.topic = topics.subscriptions();
  }

  /** Publishes the subscriber's current state, if it changes what the topic says. */
  @Transactional(propagation = Propagation.MANDATORY)
  void publish(UUID id) {
    Subscriber subscriber = subscribers.load(id).orElseThrow();
    Optional<SubscriberChanged> state = deliverableState(subscriber);
    if (state.isPresent()) {
      outbox.add(topic, id.toString(), state.get());
      if (!subscriber.published()) {
        subscribers.setPublished(id, true);
      }
    } else if (subscriber.published()) {
      outbox.add(topic, id.toString(), null);
      subscribers.setPublished(id, false);
    }
  }

  /** Publishes the tombstone of an erased subscriber. */
  @Transactional(propagation = Propagation.MANDATORY)
  void publishErasure(UUID id) {
    outbox.add(topic, id.toString(), null);
  }

  /**
   * What the subscriptions topic must hold for this subscriber: their state with verified
   * contacts only, or nothing (a tombstone) when they have no verified contact.
   */
  public static Optional<SubscriberChanged> deliverableState(Subscriber subscriber) {
    List<org.tocsin.events.v1.Contact> contacts = new ArrayList<>();
    for (Contact contact : subscriber.verifiedContacts()) {
      PushKeys keys = contact.address() instanceof PushSubscription push
          ? new PushKeys(push.p256dh(), push.auth())
          : null;
      contacts.add(new org.tocsin.events.v1.Contact(contact.address().channel(),
          contact.address().address(), true, keys));
    }
    if (contacts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(SubscriberChanged.newBuilder()
        .setSubscriberId(subscriber.id().toString())
        .setRevision(subscriber.revision())
        .setChangedAt(subscriber.changedAt().truncatedTo(ChronoUnit.MILLIS))
        .setLanguage(subscriber.language())
        .setContacts(contacts)
        .setLocations(subscriber.locations().stream()
            .map(location -> new org.tocsin.events.v1.Location(location.label(),
                new Coordinate(location.latitude(), location.longitude())))
            .toList())
        .setZones(subscriber.zones().stream()
            .map(zone -> new ZoneSubscription(zone.zoneId(),
                zone.until() == null ? null : zone.until().toEpochMilli()))
            .toList())
        .setDeclinedCategories(subscriber.declinedCategories().stream().sorted().toList())
        .setAccessibility(subscriber.accessibility().stream().sorted().toList())
        .build());
  }
}
