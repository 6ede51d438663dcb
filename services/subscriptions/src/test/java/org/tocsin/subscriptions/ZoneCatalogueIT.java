package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.Registrations.Registered;
import tools.jackson.databind.JsonNode;

/**
 * The zone catalogue comes from alert-intake's zones topic: it answers lookups, validates
 * subscriptions, and gives event-zone subscriptions their end, which follows the zone's.
 */
@ServiceIT
class ZoneCatalogueIT {

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  Api api;
  KafkaTopicsReader topics;
  Registrations registrations;
  ZoneFixtures zones;

  @BeforeEach
  void client() {
    api = Api.fromRandomClient(port);
    topics = new KafkaTopicsReader(bootstrapServers);
    registrations = new Registrations(api, topics);
    zones = new ZoneFixtures(bootstrapServers);
  }

  @Test
  void findsZonesByPostcodeAndByNameInTheCitizensLanguage() {
    String id = "zone-it-liege-" + UUID.randomUUID();
    zones.publish(ZoneFixtures.municipality(id,
        Map.of("nl", "Luik", "fr", "Liège", "de", "Lüttich", "en", "Liège"),
        List.of("4000", "4020"), 50.6326, 5.5797));
    awaitZone(id);

    JsonNode byPostcode = search("4020", "nl");
    assertThat(byPostcode.findValuesAsString("zoneId")).contains(id);
    JsonNode liege = find(byPostcode, id);
    assertThat(liege.get("name").asString()).isEqualTo("Luik");
    assertThat(liege.get("latitude").asDouble()).isEqualTo(50.6326);
    assertThat(liege.get("kind").asString()).isEqualTo("MUNICIPALITY");
    assertThat(find(search("liege", "de"), id).get("name").asString())
        .as("found without its accent, named in German").isEqualTo("Lüttich");
    assertThat(search("LUIK", "fr").findValuesAsString("zoneId")).contains(id);
    assertThat(api.get("/api/v1/zones?q=x").status()).as("too short a query").isEqualTo(400);
    assertThat(api.get("/api/v1/zones?q=4020&lang=es").status()).isEqualTo(400);
  }

  @Test
  void anEventZoneGivesItsEndToItsFollowersAndTheEndFollowsTheZone() {
    String id = "zone-it-festival-" + UUID.randomUUID();
    Instant end = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
    zones.publish(ZoneFixtures.eventZone(id, "Festival", end));
    awaitZone(id);

    String number = Numbers.randomBelgianMobile();
    Registered registered = registrations.register(Map.of("language", "en",
        "contacts", List.of(sms(number)), "zones", List.of(id)));
    registrations.verify(registered, 0, number);
    SubscriberChanged first = topics.awaitSubscriber(registered.id(), value -> true).value();
    assertThat(first.getZones()).singleElement().satisfies(zone -> {
      assertThat(zone.getZoneId()).isEqualTo(id);
      assertThat(zone.getUntilEpochMillis()).isEqualTo(end.toEpochMilli());
    });

    Instant extended = end.plus(Duration.ofDays(1));
    zones.publish(ZoneChanged.newBuilder(ZoneFixtures.eventZone(id, "Festival", extended))
        .setChangedAt(Instant.now()).build());
    SubscriberChanged second = topics.awaitSubscriber(registered.id(),
        value -> value.getRevision() > first.getRevision()).value();
    assertThat(second.getZones()).singleElement().satisfies(zone ->
        assertThat(zone.getUntilEpochMillis()).isEqualTo(extended.toEpochMilli()));

    zones.publish(ZoneChanged.newBuilder(ZoneFixtures.eventZone(id, "Festival", end))
        .setChangedAt(Instant.now().minus(Duration.ofDays(1))).build());
    zones.remove(id);
    SubscriberChanged third = topics.awaitSubscriber(registered.id(),
        value -> value.getRevision() > second.getRevision()).value();
    assertThat(third.getZones()).as("a stale zone record changes nothing; a removed zone is "
        + "unfollowed").isEmpty();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (api.get("/api/v1/zones/" + id).status() != 404) {
      assertThat(System.nanoTime()).isLessThan(deadline);
    }
    assertThat(topics.subscriberEvents(registered.id())).hasSize(3);
  }

  @AfterEach
  void closeZones() {
    zones.close();
  }

  private JsonNode search(String query, String language) {
    Response response = api.get("/api/v1/zones?q=" + query + "&lang=" + language);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.body();
  }

  private static JsonNode find(JsonNode zones, String id) {
    for (JsonNode zone : zones) {
      if (zone.get("zoneId").asString().equals(id)) {
        return zone;
      }
    }
    throw new AssertionError(id + " not found");
  }

  private void awaitZone(String zoneId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (api.get("/api/v1/zones/" + zoneId).status() != 200) {
      assertThat(System.nanoTime()).as("zone " + zoneId + " known").isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
