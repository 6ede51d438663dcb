package org.tocsin.subscriptions.subscriber;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.subscriptions.abuse.AbuseGuard;
import org.tocsin.subscriptions.abuse.AbuseRule;
import org.tocsin.subscriptions.contact.ContactAddress;
import org.tocsin.subscriptions.contact.ContactParser;
import org.tocsin.subscriptions.contact.InvalidContactException;
import org.tocsin.subscriptions.subscriber.InvalidInputException.Violation;
import org.tocsin.subscriptions.subscriber.Subscriber.Location;

/**
 * Turns requests (already checked by Bean Validation) into domain values, collecting every
 * violation before refusing, so that a citizen sees all their mistakes at once.
 */
@Component
class SubscriberInput {

  private final ContactParser parser;
  private final AbuseGuard abuse;

  SubscriberInput(ContactParser parser, AbuseGuard abuse) {
    this.parser = parser;
    this.abuse = abuse;
  }

  List<ContactAddress> contacts(List<ContactRequest> requests) {
    List<ContactAddress> contacts = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      String field = "contacts[" + i + "]";
      try {
        ContactAddress contact = parse(requests.get(i));
        if (!seen.add(contact.channel() + ":" + contact.address())) {
          violations.add(new Violation(field, "appears more than once"));
        }
        contacts.add(contact);
      } catch (InvalidContactException e) {
        violations.add(new Violation(field + "." + fieldOf(e), e.getMessage()));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return contacts;
  }

  ContactAddress contact(ContactRequest request) {
    try {
      return parse(request);
    } catch (InvalidContactException e) {
      throw InvalidInputException.of(fieldOf(e), e.getMessage());
    }
  }

  Preferences preferences(PreferencesRequest request) {
    List<Location> locations = request.locations() == null ? List.of()
        : request.locations().stream()
            .map(location -> new Location(location.label().strip(), location.latitude(),
                location.longitude()))
            .toList();
    Set<String> zones = request.zones() == null ? Set.of()
        : new LinkedHashSet<>(request.zones().stream().map(String::strip).toList());
    Set<AlertCategory> declined = EnumSet.noneOf(AlertCategory.class);
    if (request.declinedCategories() != null) {
      declined.addAll(request.declinedCategories());
    }
    Set<AccessibilityNeed> accessibility = EnumSet.noneOf(AccessibilityNeed.class);
    if (request.accessibility() != null) {
      accessibility.addAll(request.accessibility());
    }
    return new Preferences(request.language(), locations, zones, declined, accessibility);
  }

  private ContactAddress parse(ContactRequest request) {
    try {
      return parser.parse(request.channel(), request.address(),
          request.keys() == null ? null : request.keys().p256dh(),
          request.keys() == null ? null : request.keys().auth());
    } catch (InvalidContactException e) {
      switch (e.reason()) {
        case PREMIUM_RATE -> abuse.refused(AbuseRule.SMS_PREMIUM_NUMBER);
        case REGION_NOT_SERVED -> abuse.refused(AbuseRule.SMS_REGION_NOT_SERVED);
        default -> {
        }
      }
      throw e;
    }
  }

  private static String fieldOf(InvalidContactException e) {
    return e.reason() == InvalidContactException.Reason.INVALID_PUSH_KEYS ? "keys" : "address";
  }
}
