package org.tocsin.subscriptions.contactgone;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.subscriptions.subscriber.SubscriberService;

/**
 * Removes the contacts that a dispatcher found gone (a push subscription its push service
 * answered 404 or 410 for): nothing can reach them any more, and the browser that held one
 * makes a new subscription with another endpoint. The subscriber's new state is published in the
 * same transaction, so every dispatcher forgets the contact.
 */
@Component
class ContactGoneListener {

  private static final Logger log = LoggerFactory.getLogger(ContactGoneListener.class);

  private final SubscriberService subscribers;
  private final Counter removed;
  private final Counter ignored;

  ContactGoneListener(SubscriberService subscribers, MeterRegistry meters) {
    this.subscribers = subscribers;
    this.removed = Counter.builder("tocsin.subscriptions.contacts.gone.removed")
        .description("Contacts removed because a provider said they no longer exist")
        .register(meters);
    this.ignored = Counter.builder("tocsin.subscriptions.contacts.gone.ignored")
        .description("Contact-gone reports of a subscriber or contact that no longer exists")
        .register(meters);
  }

  @KafkaListener(id = "contacts-gone", topics = "#{@topics.contactsGone().name()}",
      groupId = "${spring.application.name}-contacts-gone",
      containerFactory = "contactGoneContainerFactory")
  void onContactGone(ConsumerRecord<String, ContactGone> record) {
    ContactGone gone = record.value();
    if (gone == null) {
      return;
    }
    UUID subscriberId;
    try {
      subscriberId = UUID.fromString(gone.getSubscriberId());
    } catch (IllegalArgumentException e) {
      log.warn("Contact-gone report at offset {} names no subscriber of this service",
          record.offset());
      ignored.increment();
      return;
    }
    if (subscribers.removeGoneContact(subscriberId, gone.getChannel(), gone.getAddress())) {
      removed.increment();
      log.info("Removed a {} contact of subscriber {}: {}", gone.getChannel(), subscriberId,
          gone.getErrorCode());
    } else {
      ignored.increment();
    }
  }
}
