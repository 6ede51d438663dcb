package org.tocsin.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Web Push fake of the stack, through its admin API: subscriptions made as a browser would
 * make them ({@code /fake/subscriptions}), and the pushes it received and decrypted
 * ({@code /fake/pushes}).
 */
final class PushInbox {

  /** A browser's push subscription: what {@code PushSubscription.toJSON()} gives a page. */
  record Subscription(String id, String endpoint, String p256dh, String auth) {
  }

  private final JsonHttp http;
  private final String fakeUrl;

  PushInbox(JsonHttp http, String fakeUrl) {
    this.http = http;
    this.fakeUrl = fakeUrl;
  }

  /** A subscription that accepts only pushes signed with this VAPID public key. */
  Subscription subscribe(String applicationServerKey) {
    JsonHttp.Response response = http.postJson(fakeUrl + "/fake/subscriptions", null,
        Map.of("applicationServerKey", applicationServerKey));
    if (response.status() != 201) {
      throw new IllegalStateException("Push fake: " + response);
    }
    JsonNode body = response.json();
    return new Subscription(body.path("id").asString(), body.path("endpoint").asString(),
        body.path("keys").path("p256dh").asString(), body.path("keys").path("auth").asString());
  }

  /** The decrypted payloads pushed to the subscription, oldest first. */
  List<String> payloads(Subscription subscription) {
    JsonHttp.Response response = http.get(fakeUrl + "/fake/pushes", null);
    if (response.status() != 200) {
      throw new IllegalStateException("Push fake: " + response);
    }
    List<String> payloads = new ArrayList<>();
    for (JsonNode push : response.json()) {
      if (subscription.id().equals(push.path("subscriptionId").asString())) {
        payloads.add(push.path("payload").asString());
      }
    }
    return payloads;
  }
}
