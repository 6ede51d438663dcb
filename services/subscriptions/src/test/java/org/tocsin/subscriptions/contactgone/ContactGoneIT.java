package org.tocsin.subscriptions.contactgone;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.subscriptions.Api;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.KafkaTopicsReader;
import org.tocsin.subscriptions.Numbers;
import org.tocsin.subscriptions.Registrations;
import org.tocsin.subscriptions.Registrations.Registered;
import org.tocsin.subscriptions.ServiceIT;

/**
 * A dispatcher reports a push subscription gone (its push service answered 410): the service
 * removes that contact and publishes the subscriber without it, or a tombstone when it was the
 * only one; reports of what is no longer there change nothing.
 */
@ServiceIT
class ContactGoneIT {

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  Api api;
  KafkaTopicsReader topics;
  Registrations registrations;

  @BeforeEach
  void client() {
    api = Api.fromRandomClient(port);
    topics = new KafkaTopicsReader(bootstrapServers);
    registrations = new Registrations(api, topics);
  }

  @Test
  void aGonePushSubscriptionIsRemovedAndTheSubscriberPublishedWithTheRestOfTheirContacts() {
    String number = Numbers.randomBelgianMobile();
    String endpoint = "https://fcm.googleapis.com/fcm/send/" + UUID.randomUUID();
    Registered registered = registerVerified(number, endpoint);
    topics.awaitSubscriber(registered.id(), state -> state.getContacts().size() == 2);

    report(registered.id(), endpoint);

    SubscriberChanged after = topics.awaitSubscriber(registered.id(),
        state -> state.getContacts().size() == 1).value();
    assertThat(after.getContacts()).singleElement().satisfies(contact -> {
      assertThat(contact.getChannel()).isEqualTo(Channel.SMS);
      assertThat(contact.getAddress()).isEqualTo(number);
    });
    Response view = api.withToken(registered.token())
        .get("/api/v1/subscriptions/" + registered.id());
    assertThat(view.body().get("contacts")).hasSize(1);
  }

  @Test
  void aSubscriberWhoseOnlyContactIsGoneBecomesATombstoneAndRepeatedOrStrayReportsChangeNothing() {
    String endpoint = "https://updates.push.services.mozilla.com/wpush/v2/" + UUID.randomUUID();
    Registered registered = registrations.register("nl", List.of(push(endpoint)));
    assertThat(registrations.verify(registered, 0, endpoint).status()).isEqualTo(200);
    topics.awaitSubscriber(registered.id(), state -> state != null);

    report(UUID.randomUUID(), endpoint);
    report(registered.id(), endpoint + "-another");
    report(registered.id(), endpoint);
    report(registered.id(), endpoint);

    topics.await(topics(), record -> record.key().equals(registered.id().toString())
        && record.value() == null, Duration.ofSeconds(30));
    List<SubscriberChanged> events = topics.subscriberEvents(registered.id()).stream()
        .map(record -> record.value()).toList();
    assertThat(events).last().isNull();
    assertThat(events).filteredOn(event -> event == null).hasSize(1);
  }

  private Registered registerVerified(String number, String endpoint) {
    Registered registered = registrations.register("nl",
        List.of(Registrations.sms(number), push(endpoint)));
    assertThat(registrations.verify(registered, 0, number).status()).isEqualTo(200);
    assertThat(registrations.verify(registered, 1, endpoint).status()).isEqualTo(200);
    return registered;
  }

  private void report(UUID subscriberId, String endpoint) {
    Topic<String, ContactGone> gone = Topics.DEFAULTS.contactsGone();
    try (KafkaProducer<String, ContactGone> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        gone.keySerde().serializer(), gone.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(gone.name(), subscriberId.toString(),
          ContactGone.newBuilder().setSubscriberId(subscriberId.toString())
              .setChannel(Channel.PUSH).setAddress(endpoint).setErrorCode("push-410")
              .setProvider("webpush").setTaskId(UUID.randomUUID().toString())
              .setAt(Instant.now()).build()));
    }
  }

  private static Topic<String, SubscriberChanged> topics() {
    return Topics.DEFAULTS.subscriptions();
  }

  private static Map<String, Object> push(String endpoint) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
      byte[] point = new byte[65];
      point[0] = 4;
      byte[] x = key.getW().getAffineX().toByteArray();
      byte[] y = key.getW().getAffineY().toByteArray();
      System.arraycopy(x, Math.max(0, x.length - 32), point, 1 + 32 - Math.min(32, x.length),
          Math.min(32, x.length));
      System.arraycopy(y, Math.max(0, y.length - 32), point, 33 + 32 - Math.min(32, y.length),
          Math.min(32, y.length));
      Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
      return Map.of("channel", "PUSH", "address", endpoint, "keys", Map.of(
          "p256dh", base64.encodeToString(point), "auth", base64.encodeToString(new byte[16])));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
