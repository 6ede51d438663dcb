package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.Api.Response;
import tools.jackson.databind.JsonNode;

/** Registers and verifies subscriptions through the API, as a citizen would. */
public final class Registrations {

  private final Api api;
  private final KafkaTopicsReader topics;

  public Registrations(Api api, KafkaTopicsReader topics) {
    this.api = api;
    this.topics = topics;
  }

  public static Map<String, Object> sms(String number) {
    return Map.of("channel", "SMS", "address", number);
  }

  public static Map<String, Object> email(String address) {
    return Map.of("channel", "EMAIL", "address", address);
  }

  public static Map<String, Object> location(String label, double latitude, double longitude) {
    return Map.of("label", label, "latitude", latitude, "longitude", longitude);
  }

  /** Registers with these contacts and one location; fails the test unless it is accepted. */
  public Registered register(Map<String, Object> body) {
    Response response = api.post("/api/v1/subscriptions", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    List<Contact> contacts = new ArrayList<>();
    for (JsonNode contact : response.body().get("contacts")) {
      contacts.add(new Contact(UUID.fromString(contact.get("contactId").asString()),
          Channel.valueOf(contact.get("channel").asString())));
    }
    return new Registered(UUID.fromString(response.body().get("subscriptionId").asString()),
        response.body().get("managementToken").asString(), contacts, response);
  }

  public Registered register(String language, List<Map<String, Object>> contacts) {
    return register(Map.of("language", language, "contacts", contacts,
        "locations", List.of(location("Home", 50.8467, 4.3525))));
  }

  /**
   * Enters the code sent to the contact for this registration (not one an earlier registration
   * of the same address was sent); returns the API's answer.
   */
  public Response verify(Registered registration, int contact, String address) {
    Contact target = registration.contacts().get(contact);
    return verify(registration.id(), target.id(), target.channel(), address);
  }

  public Response verify(UUID subscriptionId, UUID contactId, Channel channel, String address) {
    String code = KafkaTopicsReader.codeIn(
        topics.awaitVerificationTask(channel, address, subscriptionId));
    return api.post("/api/v1/verifications", Map.of("contactId", contactId, "code", code));
  }

  /** Registers one mobile number and verifies it. */
  public Registered registerVerified(String number) {
    Registered registered = register("nl", List.of(sms(number)));
    Response verified = verify(registered, 0, number);
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    return registered;
  }

  /** A registration as the API answered it. */
  public record Registered(UUID id, String token, List<Contact> contacts, Response response) {
  }

  /** A contact of a registration. */
  public record Contact(UUID id, Channel channel) {
  }
}
