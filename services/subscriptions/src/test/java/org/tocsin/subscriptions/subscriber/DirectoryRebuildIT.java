package org.tocsin.subscriptions.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;
import static org.tocsin.subscriptions.Registrations.location;
import static org.tocsin.subscriptions.Registrations.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.subscriptions.Api;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.KafkaTopicsReader;
import org.tocsin.subscriptions.Numbers;
import org.tocsin.subscriptions.Registrations;
import org.tocsin.subscriptions.Registrations.Registered;
import org.tocsin.subscriptions.ServiceIT;

/**
 * A dispatcher's directory, rebuilt from nothing but the compacted subscriptions topic, equals
 * the deliverable state the database holds, after a mix of registrations, verifications,
 * updates, contact changes, contacts moving between subscriptions and erasures.
 */
@ServiceIT
class DirectoryRebuildIT {

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;
  @Autowired
  SubscriberRepository subscribers;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void rebuildingTheDirectoryFromTheTopicGivesTheDatabasesDeliverableState() {
    Random random = new Random(4);
    KafkaTopicsReader topics = new KafkaTopicsReader(bootstrapServers);
    List<UUID> ids = new ArrayList<>();
    List<String> verifiedNumbers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Registrations client = new Registrations(Api.fromRandomClient(port), topics);
      String number = Numbers.randomBelgianMobile();
      String mail = Numbers.randomEmail();
      Registered registered = client.register(Map.of("language", List.of("nl", "fr", "de", "en")
              .get(i % 4),
          "contacts", List.of(sms(number), email(mail)),
          "locations", List.of(location("Home " + i, 50 + random.nextDouble(), 4.0))));
      ids.add(registered.id());
      Api holder = Api.fromRandomClient(port).withToken(registered.token());
      String path = "/api/v1/subscriptions/" + registered.id();
      if (i % 6 != 5) {
        ok(client.verify(registered, 0, number));
        verifiedNumbers.add(number);
      }
      if (i % 3 == 0) {
        ok(client.verify(registered, 1, mail));
      }
      if (i % 2 == 0) {
        List<Map<String, Object>> places = new ArrayList<>();
        for (int p = 0; p < random.nextInt(6); p++) {
          places.add(location("Place " + p, 49.5 + random.nextDouble() * 2,
              2.5 + random.nextDouble() * 4));
        }
        ok(holder.put(path, Map.of("language", "en", "locations", places,
            "declinedCategories", List.of("MET", "OTHER"), "accessibility", List.of("EASY_READ"))));
      }
      if (i % 4 == 1) {
        ok(holder.delete(path + "/contacts/" + registered.contacts().get(0).id()));
      }
      if (i % 5 == 2) {
        ok(holder.delete(path));
      }
      if (i % 4 == 3 && !verifiedNumbers.isEmpty()) {
        String taken = verifiedNumbers.get(random.nextInt(verifiedNumbers.size()));
        Response added = holder.post(path + "/contacts", sms(taken));
        if (added.status() == 201) {
          ok(client.verify(registered.id(),
              UUID.fromString(added.body().get("contactId").asString()), Channel.SMS, taken));
        }
      }
    }
    awaitEmptyOutbox();

    Map<String, SubscriberChanged> directory = new HashMap<>();
    Map<String, Long> lastRevision = new HashMap<>();
    for (ConsumerRecord<String, SubscriberChanged> record
        : topics.readAll(Topics.DEFAULTS.subscriptions())) {
      if (!ids.contains(UUID.fromString(record.key()))) {
        continue;
      }
      if (record.value() == null) {
        directory.remove(record.key());
      } else {
        assertThat(record.value().getRevision()).as("revisions of " + record.key() + " grow")
            .isGreaterThan(lastRevision.getOrDefault(record.key(), 0L));
        lastRevision.put(record.key(), record.value().getRevision());
        directory.put(record.key(), record.value());
      }
    }

    Map<String, SubscriberChanged> database = new HashMap<>();
    for (UUID id : ids) {
      Optional<SubscriberChanged> state = subscribers.load(id)
          .flatMap(SubscriberPublication::deliverableState);
      state.ifPresent(value -> database.put(id.toString(), value));
    }
    assertThat(database).as("some subscribers are deliverable").hasSizeGreaterThan(3);
    assertThat(directory).isEqualTo(database);
  }

  private void awaitEmptyOutbox() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class) > 0) {
      assertThat(System.nanoTime()).as("the outbox drains").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static void ok(Response response) {
    assertThat(response.status()).as(response.toString()).isBetween(200, 299);
  }
}
