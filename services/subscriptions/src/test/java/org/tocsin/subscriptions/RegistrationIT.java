package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.subscriptions.Api.Response;

@ServiceIT
class RegistrationIT {

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  Api api;
  KafkaTopicsReader topics;

  @BeforeEach
  void client() {
    api = Api.fromRandomClient(port);
    topics = new KafkaTopicsReader(bootstrapServers);
  }

  @Test
  void aVerifiedRegistrationIsPublishedOnTheCompactedTopic() {
    String number = Numbers.randomBelgianMobile();
    Response registered = api.post("/api/v1/subscriptions", Map.of(
        "language", "nl",
        "contacts", List.of(Map.of("channel", "SMS", "address", number)),
        "locations", List.of(Map.of("label", "Thuis", "latitude", 50.85, "longitude", 4.35))));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    UUID id = UUID.fromString(registered.body().get("subscriptionId").asString());
    String contactId = registered.body().get("contacts").get(0).get("contactId").asString();

    String code = topics.awaitCode(Channel.SMS, number);
    Response verified = api.post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", code));
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

    ConsumerRecord<String, SubscriberChanged> event = topics.awaitSubscriber(id, value -> true);
    assertThat(event.value().getContacts()).singleElement()
        .satisfies(contact -> assertThat(contact.getAddress()).isEqualTo(number));
  }
}
