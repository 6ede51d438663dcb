package org.tocsin.subscriptions.subscriber;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.SubscriptionsProperties;
import org.tocsin.subscriptions.abuse.AbuseGuard;
import org.tocsin.subscriptions.abuse.ClientAddress;
import org.tocsin.subscriptions.contact.ContactAddress;
import org.tocsin.subscriptions.subscriber.InvalidInputException.Violation;
import org.tocsin.subscriptions.subscriber.SubscriberRepository.ContactOwner;
import org.tocsin.subscriptions.verification.CodeCheck;
import org.tocsin.subscriptions.verification.CodeCheck.Outcome;
import org.tocsin.subscriptions.verification.CodePurpose;
import org.tocsin.subscriptions.verification.IssuedCode;
import org.tocsin.subscriptions.verification.Recipient;
import org.tocsin.subscriptions.verification.VerificationCodes;
import org.tocsin.subscriptions.verification.VerificationCodes.NewCode;
import org.tocsin.subscriptions.zone.UnknownZonesException;
import org.tocsin.subscriptions.zone.Zone;
import org.tocsin.subscriptions.zone.ZoneCatalogue;

/**
 * What citizens do with their subscription. Every change runs in one transaction that locks the
 * subscriber's row (zone rows first, when zones are chosen), raises the revision and publishes
 * the deliverable state through the outbox; input and abuse checks come before it, so a refused
 * request changes nothing and publishes nothing.
 *
 * <p>A verified address belongs to one subscription: verifying it elsewhere moves it, so that no
 * one gets an alert twice and an erasure silences the address for good. Nothing here tells
 * whether an address is registered: registration never looks at other subscriptions, and a
 * management code is "sent" whether or not the address is known.
 */
@Service
public class SubscriberService {

  private static final int MAX_CONTACTS = 10;

  private final SubscriberRepository subscribers;
  private final SubscriberPublication publication;
  private final SubscriberTransactions transactions;
  private final SubscriberInput input;
  private final VerificationCodes codes;
  private final ZoneCatalogue zones;
  private final AbuseGuard abuse;
  private final UniformManagementTiming managementTiming;
  private final Clock clock;
  private final URI publicUrl;
  private final Counter registrations;
  private final Counter erasures;
  private final MeterRegistry meters;

  SubscriberService(SubscriberRepository subscribers, SubscriberPublication publication,
                    SubscriberTransactions transactions, SubscriberInput input,
                    VerificationCodes codes, ZoneCatalogue zones, AbuseGuard abuse,
                    UniformManagementTiming managementTiming, Clock clock,
                    SubscriptionsProperties properties, MeterRegistry meters) {
    this.subscribers = subscribers;
    this.publication = publication;
    this.transactions = transactions;
    this.input = input;
    this.codes = codes;
    this.zones = zones;
    this.abuse = abuse;
    this.managementTiming = managementTiming;
    this.clock = clock;
    this.publicUrl = properties.subscriptions().publicUrl();
    this.meters = meters;
    this.registrations = Counter.builder("tocsin.subscriptions.registrations")
        .description("Subscriptions registered").register(meters);
    this.erasures = Counter.builder("tocsin.subscriptions.erasures")
        .description("Subscriptions erased by their holder").register(meters);
  }

  /** Registers a subscription and sends a code to each of its contacts. */
  public SubscriptionAccess register(RegistrationRequest request, ClientAddress client) {
    List<ContactAddress> contacts = input.contacts(request.contacts());
    Preferences preferences = input.preferences(request.preferences());
    abuse.registration(client);
    for (ContactAddress contact : contacts) {
      abuse.codeToSend(client, contact);
    }
    UUID id = UUID.randomUUID();
    String token = ManagementTokens.newToken();
    byte[] tokenHash = ManagementTokens.hash(token);
    Instant now = clock.instant();
    // Everything but the writes is done before the transaction takes a connection.
    List<Contact> newContacts = contacts.stream()
        .map(address -> new Contact(UUID.randomUUID(), address, now, null)).toList();
    List<NewCode> newCodes = newContacts.stream()
        .map(contact -> codes.prepare(new Recipient(id, contact.id(), contact.address(),
            preferences.language()), CodePurpose.VERIFY))
        .toList();
    List<ContactView> views = transactions.run(() -> {
      lockZones(preferences);
      subscribers.insertSubscriber(id, preferences, tokenHash, now);
      List<ContactView> sent = new ArrayList<>();
      for (int i = 0; i < newContacts.size(); i++) {
        Contact contact = newContacts.get(i);
        subscribers.insertContact(id, contact.id(), contact.address(), now);
        sent.add(ContactView.of(contact, codes.store(newCodes.get(i)).expiresAt()));
      }
      return sent;
    });
    registrations.increment();
    return new SubscriptionAccess(id, token, managementLink(id, token), views);
  }

  /**
   * Checks the code sent to a contact; accepted, the contact is verified and the subscription
   * published with it. The attempt counts even when the code is wrong.
   */
  public void verify(UUID contactId, String code, ClientAddress client) {
    abuse.codeCheck(client);
    CodeCheck check = transactions.run(() -> {
      Optional<Contact> before = subscribers.contact(contactId);
      Optional<ContactOwner> owner = subscribers.findContact(contactId);
      if (before.isEmpty() || owner.isEmpty()) {
        return new CodeCheck(Outcome.NONE, 0);
      }
      ContactAddress address = before.get().address();
      Set<UUID> holders = new LinkedHashSet<>();
      holders.add(owner.get().subscriberId());
      subscribers.findVerified(address.channel(), address.address())
          .ifPresent(holder -> holders.add(holder.subscriberId()));
      subscribers.lockAll(holders);
      if (subscribers.contact(contactId).isEmpty()) {
        return new CodeCheck(Outcome.NONE, 0);
      }
      CodeCheck result = codes.check(contactId, CodePurpose.VERIFY, code);
      if (!result.accepted()) {
        return result;
      }
      Instant now = clock.instant();
      Optional<ContactOwner> holder = subscribers.findVerified(address.channel(),
          address.address());
      if (holder.isPresent() && !holder.get().subscriberId().equals(owner.get().subscriberId())) {
        if (!holders.contains(holder.get().subscriberId())) {
          // Verified elsewhere since we looked, by a subscriber we did not lock: start again.
          throw new PessimisticLockingFailureException("Verified address changed hands");
        }
        subscribers.deleteContact(holder.get().contactId());
        changed(holder.get().subscriberId(), now);
      }
      subscribers.markVerified(contactId, now);
      changed(owner.get().subscriberId(), now);
      return result;
    });
    meters.counter("tocsin.subscriptions.verifications", "outcome",
        check.outcome().name().toLowerCase()).increment();
    if (!check.accepted()) {
      throw CodeRejectedException.of(check);
    }
  }

  /** The subscription, for the holder of its management token. */
  public SubscriptionView view(UUID id, String token) {
    authorise(id, token);
    Subscriber subscriber = subscribers.load(id).orElseThrow(AccessDeniedException::new);
    return SubscriptionView.of(subscriber, zonesOf(subscriber));
  }

  /** Replaces language, locations, zones, declined categories and accessibility needs. */
  public SubscriptionView update(UUID id, String token, PreferencesRequest request) {
    authorise(id, token);
    Preferences preferences = input.preferences(request);
    Subscriber subscriber = transactions.run(() -> {
      lockZones(preferences);
      lock(id);
      subscribers.updatePreferences(id, preferences);
      changed(id, clock.instant());
      return subscribers.load(id).orElseThrow();
    });
    return SubscriptionView.of(subscriber, zonesOf(subscriber));
  }

  /** Adds a contact and sends it a code. */
  public ContactView addContact(UUID id, String token, ContactRequest request,
                                ClientAddress client) {
    authorise(id, token);
    ContactAddress address = input.contact(request);
    abuse.codeToSend(client, address);
    return transactions.run(() -> {
      lock(id);
      Subscriber subscriber = subscribers.load(id).orElseThrow();
      if (subscriber.contacts().size() >= MAX_CONTACTS) {
        throw new ChangeRefusedException("A subscription has at most " + MAX_CONTACTS
            + " contacts");
      }
      if (subscriber.contacts().stream().anyMatch(contact -> contact.address().equals(address))) {
        throw new ChangeRefusedException("This contact is already part of the subscription");
      }
      Instant now = clock.instant();
      Contact contact = new Contact(UUID.randomUUID(), address, now, null);
      subscribers.insertContact(id, contact.id(), address, now);
      IssuedCode code = codes.issue(
          new Recipient(id, contact.id(), address, subscriber.language()), CodePurpose.VERIFY);
      changed(id, now);
      return ContactView.of(contact, code.expiresAt());
    });
  }

  /** Sends a new code to a contact not verified yet; the earlier code stops working. */
  public ContactView resendCode(UUID id, String token, UUID contactId, ClientAddress client) {
    authorise(id, token);
    Contact known = contactOf(subscribers.load(id).orElseThrow(AccessDeniedException::new),
        contactId);
    abuse.codeToSend(client, known.address());
    return transactions.run(() -> {
      lock(id);
      Subscriber subscriber = subscribers.load(id).orElseThrow();
      Contact contact = contactOf(subscriber, contactId);
      if (contact.verified()) {
        throw new ChangeRefusedException("This contact is already verified");
      }
      IssuedCode code = codes.issue(
          new Recipient(id, contactId, contact.address(), subscriber.language()),
          CodePurpose.VERIFY);
      return ContactView.of(contact, code.expiresAt());
    });
  }

  /** Removes a contact; nothing is sent to it any more. The last contact cannot go. */
  public void removeContact(UUID id, String token, UUID contactId) {
    authorise(id, token);
    transactions.run(() -> {
      lock(id);
      Subscriber subscriber = subscribers.load(id).orElseThrow();
      contactOf(subscriber, contactId);
      if (subscriber.contacts().size() == 1) {
        throw new ChangeRefusedException(
            "A subscription keeps at least one contact: erase the subscription instead");
      }
      subscribers.deleteContact(contactId);
      changed(id, clock.instant());
      return null;
    });
  }

  /**
   * Removes a contact a provider says no longer exists (a push subscription its push service
   * answered 404 or 410 for), and publishes the subscriber's new state: a tombstone if it was
   * their last verified contact. Nothing happens if the subscriber or the contact is gone
   * already, so a report read twice changes nothing.
   *
   * @return whether a contact was removed
   */
  public boolean removeGoneContact(UUID id, Channel channel, String address) {
    return transactions.run(() -> {
      if (!subscribers.lock(id)) {
        return false;
      }
      Optional<Contact> gone = subscribers.load(id).orElseThrow().contacts().stream()
          .filter(contact -> contact.address().channel() == channel
              && contact.address().address().equals(address))
          .findFirst();
      if (gone.isEmpty()) {
        return false;
      }
      subscribers.deleteContact(gone.get().id());
      changed(id, clock.instant());
      return true;
    });
  }

  /** Everything held about the subscriber. */
  public SubscriptionExport export(UUID id, String token) {
    authorise(id, token);
    Subscriber subscriber = subscribers.load(id).orElseThrow(AccessDeniedException::new);
    return new SubscriptionExport(clock.instant(),
        SubscriptionView.of(subscriber, zonesOf(subscriber)),
        codes.records(subscriber.contacts().stream().map(Contact::id).toList()),
        SubscriptionExport.TOKEN_NOTE);
  }

  /**
   * Erases the subscriber: every row goes, and a tombstone tells every dispatcher to forget
   * them.
   */
  public void erase(UUID id, String token) {
    authorise(id, token);
    transactions.run(() -> {
      lock(id);
      subscribers.delete(id);
      publication.publishErasure(id);
      return null;
    });
    erasures.increment();
  }

  /**
   * Sends a management code to an address, if a subscription holds it verified. The answer is
   * the same either way, and so is its timing: the code is issued after the answer.
   */
  public void requestManagementCode(ContactRequest request, ClientAddress client) {
    ContactAddress address = input.contact(request);
    abuse.codeToSend(client, address);
    managementTiming.afterAnswer(() -> issueManagementCode(address));
  }

  private void issueManagementCode(ContactAddress address) {
    transactions.run(() -> {
      Optional<ContactOwner> holder = subscribers.findVerified(address.channel(),
          address.address());
      if (holder.isEmpty()) {
        return null;
      }
      lock(holder.get().subscriberId());
      Subscriber subscriber = subscribers.load(holder.get().subscriberId()).orElseThrow();
      Optional<Contact> contact = subscriber.verifiedContacts().stream()
          .filter(verified -> verified.address().equals(address)).findFirst();
      contact.ifPresent(verified -> codes.issue(new Recipient(subscriber.id(), verified.id(),
          verified.address(), subscriber.language()), CodePurpose.MANAGE));
      return null;
    });
  }

  /**
   * Opens the subscription holding this verified address with the management code sent to it:
   * a new management token replaces the old one (a lost link stops working). Every failure is
   * the same failure, answered after the same time, so that nobody learns whether the address
   * is registered.
   */
  public SubscriptionAccess openWithCode(ContactRequest request, String code,
                                           ClientAddress client) {
    long start = System.nanoTime();
    abuse.codeCheck(client);
    ContactAddress address = input.contact(request);
    String token = ManagementTokens.newToken();
    Optional<UUID> opened = transactions.run(() -> {
      Optional<ContactOwner> holder = subscribers.findVerified(address.channel(),
          address.address());
      if (holder.isEmpty()) {
        return Optional.empty();
      }
      lock(holder.get().subscriberId());
      CodeCheck check = codes.check(holder.get().contactId(), CodePurpose.MANAGE, code);
      if (!check.accepted()) {
        return Optional.empty();
      }
      subscribers.replaceToken(holder.get().subscriberId(), ManagementTokens.hash(token));
      return Optional.of(holder.get().subscriberId());
    });
    if (opened.isEmpty()) {
      managementTiming.padRefusal(start);
      throw CodeRejectedException.uniform();
    }
    Subscriber subscriber = subscribers.load(opened.get()).orElseThrow(AccessDeniedException::new);
    return new SubscriptionAccess(subscriber.id(), token, managementLink(subscriber.id(), token),
        subscriber.contacts().stream().map(ContactView::of).toList());
  }

  private void authorise(UUID id, String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      throw new AccessDeniedException();
    }
    Optional<UUID> holder = subscribers.subscriberOfToken(ManagementTokens.hash(token.strip()));
    if (holder.isEmpty() || !holder.get().equals(id)) {
      throw new AccessDeniedException();
    }
  }

  private void lock(UUID id) {
    if (!subscribers.lock(id)) {
      throw new AccessDeniedException();
    }
  }

  private void lockZones(Preferences preferences) {
    try {
      zones.lockFollowable(preferences.zoneIds());
    } catch (UnknownZonesException e) {
      List<String> requested = new ArrayList<>(preferences.zoneIds());
      List<Violation> violations = new ArrayList<>();
      for (String zoneId : e.zoneIds()) {
        violations.add(new Violation("zones[" + requested.indexOf(zoneId) + "]",
            "is not a zone of the catalogue, or its event has ended"));
      }
      throw new InvalidInputException(violations);
    }
  }

  /** Records a change of a locked subscriber and publishes their state. */
  private void changed(UUID id, Instant now) {
    subscribers.touch(id, now);
    publication.publish(id);
  }

  private Map<String, Zone> zonesOf(Subscriber subscriber) {
    Collection<String> ids = subscriber.zones().stream().map(Subscriber.FollowedZone::zoneId)
        .toList();
    return ids.isEmpty() ? new HashMap<>() : zones.findAll(ids);
  }

  private static Contact contactOf(Subscriber subscriber, UUID contactId) {
    return subscriber.contacts().stream().filter(contact -> contact.id().equals(contactId))
        .findFirst().orElseThrow(() -> unknownContact(contactId));
  }

  private static InvalidInputException unknownContact(UUID contactId) {
    return InvalidInputException.of("contactId", "is not a contact of this subscription");
  }

  private URI managementLink(UUID id, String token) {
    return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/#manage=" + id + "." + token);
  }
}
