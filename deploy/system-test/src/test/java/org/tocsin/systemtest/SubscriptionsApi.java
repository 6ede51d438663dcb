package org.tocsin.systemtest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The citizens' side: subscriptions' public API. */
final class SubscriptionsApi {

  /** A place given at registration. */
  record Place(String label, double latitude, double longitude) {
  }

  /**
   * A registration: the subscription, its one contact, and the contact's address (as the
   * service normalises it: E.164, lower case; the service shows it masked until verified).
   */
  record Registration(String subscriptionId, String contactId, String address) {
  }

  private final JsonHttp http;
  private final String subscriptionsUrl;

  SubscriptionsApi(JsonHttp http, String subscriptionsUrl) {
    this.http = http;
    this.subscriptionsUrl = subscriptionsUrl;
  }

  /** Registers one contact of the channel for one place; a code goes to the contact. */
  Registration register(String language, String channel, String address, Place place) {
    return register(language, Map.of("channel", channel, "address", address), address, place);
  }

  /** Registers a browser's push subscription for one place; a push with a code goes to it. */
  Registration registerPush(String language, PushInbox.Subscription push, Place place) {
    return register(language, Map.of("channel", "PUSH", "address", push.endpoint(),
        "keys", Map.of("p256dh", push.p256dh(), "auth", push.auth())), push.endpoint(), place);
  }

  /** The VAPID public key the citizen page subscribes browsers with, or null if it has none. */
  String vapidPublicKey() {
    JsonHttp.Response response = http.get(subscriptionsUrl + "/api/v1/page-config", null);
    if (response.status() != 200) {
      throw new IllegalStateException("Page configuration: " + response);
    }
    JsonNode key = response.json().path("vapidPublicKey");
    return key.isString() ? key.asString() : null;
  }

  private Registration register(String language, Map<String, Object> given, String address,
                                Place place) {
    JsonHttp.Response response = http.postJson(subscriptionsUrl + "/api/v1/subscriptions", null,
        Map.of("language", language,
            "contacts", List.of(given),
            "locations", List.of(Map.of("label", place.label(),
                "latitude", place.latitude(), "longitude", place.longitude())),
            "zones", List.of(),
            "declinedCategories", Set.of(),
            "accessibility", Set.of()));
    if (response.status() != 201) {
      throw new IllegalStateException("Registration refused: " + response);
    }
    JsonNode access = response.json();
    JsonNode contact = access.path("contacts").get(0);
    return new Registration(access.path("subscriptionId").asString(),
        contact.path("contactId").asString(), address);
  }

  /** Enters the code the contact received; the status code of the answer. */
  int verify(Registration registration, String code) {
    return http.postJson(subscriptionsUrl + "/api/v1/verifications", null,
        Map.of("contactId", registration.contactId(), "code", code)).status();
  }
}
