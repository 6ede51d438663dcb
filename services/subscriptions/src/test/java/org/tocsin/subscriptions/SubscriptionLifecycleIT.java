package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;
import static org.tocsin.subscriptions.Registrations.location;
import static org.tocsin.subscriptions.Registrations.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.Registrations.Registered;

/** A subscription from registration to erasure, as dispatchers see it on the topics. */
@ServiceIT
class SubscriptionLifecycleIT {

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;
  @Autowired
  JdbcTemplate jdbc;

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
  void theVerificationCodeIsANormalLaneDeliveryTaskAsTheDispatchersExpect() {
    String number = Numbers.randomBelgianMobile();
    Instant before = Instant.now();
    Registered registered = registrations.register("fr", List.of(sms(number)));

    DeliveryTask task = topics.awaitVerificationTask(Channel.SMS, number);
    assertThat(task.getKind()).isEqualTo(TaskKind.VERIFICATION);
    assertThat(task.getChannel()).isEqualTo(Channel.SMS);
    assertThat(task.getLane()).isEqualTo(Lane.NORMAL);
    assertThat(task.getSubscriberId()).isEqualTo(registered.id().toString());
    assertThat(task.getRecipient()).isEqualTo(number);
    assertThat(task.getPushKeys()).isNull();
    assertThat(task.getAlertId()).isNull();
    assertThat(task.getAlertVersion()).isZero();
    assertThat(task.getIdentifier()).isNull();
    assertThat(task.getStatus()).isEqualTo(AlertStatus.SYSTEM);
    assertThat(task.getMsgType()).isEqualTo(MessageType.ALERT);
    assertThat(task.getSeverity()).isEqualTo(Severity.UNKNOWN);
    assertThat(task.getZoneIds()).isEmpty();
    assertThat(task.getMessage().getLanguage()).isEqualTo("fr");
    assertThat(task.getMessage().getHeadline()).isEqualTo("Tocsin");
    assertThat(task.getMessage().getWeb()).isNull();
    String code = KafkaTopicsReader.codeIn(task);
    assertThat(task.getMessage().getShortText()).contains(code).hasSizeLessThanOrEqualTo(160);
    assertThat(task.getMessage().getDescription()).contains(code);
    assertThat(task.getExpires()).isBetween(before.plus(Duration.ofMinutes(9)),
        Instant.now().plus(Duration.ofMinutes(11)));
    assertThat(Instant.parse(registered.response().body().get("contacts").get(0)
        .get("codeExpiresAt").asString())).isEqualTo(task.getExpires());
    assertThat(registered.response().body().get("contacts").get(0).get("address").asString())
        .as("an unverified contact is masked").doesNotContain(number.substring(5));
  }

  @Test
  void onlyVerifiedContactsArePublishedAndEveryChangeRaisesTheRevision() {
    String number = Numbers.randomBelgianMobile();
    String mail = Numbers.randomEmail();
    Registered registered = registrations.register(Map.of(
        "language", "de",
        "contacts", List.of(sms(number), email(mail)),
        "locations", List.of(location("Zuhause", 50.6326, 5.5797)),
        "declinedCategories", List.of("TRANSPORT"),
        "accessibility", List.of("DEAF_OR_HARD_OF_HEARING")));
    assertThat(topics.subscriberEvents(registered.id()))
        .as("nothing is published before a contact is verified").isEmpty();

    Response verified = registrations.verify(registered, 0, number);
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    SubscriberChanged first = topics.awaitSubscriber(registered.id(), value -> true).value();
    assertThat(first.getLanguage()).isEqualTo("de");
    assertThat(first.getContacts()).singleElement().satisfies(contact -> {
      assertThat(contact.getChannel()).isEqualTo(Channel.SMS);
      assertThat(contact.getAddress()).isEqualTo(number);
      assertThat(contact.getVerified()).isTrue();
    });
    assertThat(first.getLocations()).singleElement().satisfies(location -> {
      assertThat(location.getLabel()).isEqualTo("Zuhause");
      assertThat(location.getPosition().getLat()).isEqualTo(50.6326);
      assertThat(location.getPosition().getLon()).isEqualTo(5.5797);
    });
    assertThat(first.getDeclinedCategories()).containsExactly(AlertCategory.TRANSPORT);
    assertThat(first.getAccessibility())
        .containsExactly(AccessibilityNeed.DEAF_OR_HARD_OF_HEARING);

    Api holder = api.withToken(registered.token());
    Response updated = holder.put("/api/v1/subscriptions/" + registered.id(), Map.of(
        "language", "en",
        "locations", List.of(location("Home", 50.6326, 5.5797), location("Work", 50.85, 4.35)),
        "declinedCategories", List.of(),
        "accessibility", List.of()));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    SubscriberChanged second = topics.awaitSubscriber(registered.id(),
        value -> value.getRevision() > first.getRevision()).value();
    assertThat(second.getLanguage()).isEqualTo("en");
    assertThat(second.getLocations()).extracting(location -> location.getLabel())
        .containsExactly("Home", "Work");
    assertThat(second.getDeclinedCategories()).isEmpty();

    Response mailVerified = registrations.verify(registered, 1, mail);
    assertThat(mailVerified.status()).as(mailVerified.toString()).isEqualTo(200);
    SubscriberChanged third = topics.awaitSubscriber(registered.id(),
        value -> value.getRevision() > second.getRevision()).value();
    assertThat(third.getContacts()).extracting(contact -> contact.getAddress())
        .containsExactlyInAnyOrder(number, mail);

    Response removed = holder.delete("/api/v1/subscriptions/" + registered.id() + "/contacts/"
        + registered.contacts().get(0).id());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    SubscriberChanged fourth = topics.awaitSubscriber(registered.id(),
        value -> value.getRevision() > third.getRevision()).value();
    assertThat(fourth.getContacts()).extracting(contact -> contact.getAddress())
        .containsExactly(mail);

    Response view = holder.get("/api/v1/subscriptions/" + registered.id());
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.body().get("revision").asLong()).isEqualTo(fourth.getRevision());
    assertThat(view.body().get("contacts").get(0).get("address").asString()).isEqualTo(mail);
    assertThat(view.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void erasureDeletesEveryRowPublishesATombstoneAndEndsTheManagementLink() {
    String number = Numbers.randomBelgianMobile();
    Registered registered = registrations.registerVerified(number);
    topics.awaitSubscriber(registered.id(), value -> value != null);
    Api holder = api.withToken(registered.token());

    Response export = holder.get("/api/v1/subscriptions/" + registered.id() + "/export");
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).startsWith("attachment");
    assertThat(export.body().at("/subscription/contacts/0/address").asString())
        .isEqualTo(number);
    assertThat(export.body().at("/subscription/locations/0/label").asString()).isEqualTo("Home");
    assertThat(export.body().at("/codes/0/purpose").asString()).isEqualTo("VERIFY");
    assertThat(export.body().at("/codes/0/usedAt").isMissingNode()).isFalse();
    assertThat(export.text()).doesNotContain(registered.token());

    Response erased = holder.delete("/api/v1/subscriptions/" + registered.id());
    assertThat(erased.status()).as(erased.toString()).isEqualTo(204);

    ConsumerRecord<String, SubscriberChanged> tombstone =
        topics.awaitSubscriber(registered.id(), value -> value == null);
    assertThat(tombstone.value()).isNull();
    for (String table : List.of("subscriber WHERE id = ?", "contact WHERE subscriber_id = ?",
        "location WHERE subscriber_id = ?", "zone_subscription WHERE subscriber_id = ?")) {
      assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class,
          registered.id())).as(table).isZero();
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE address = ?", Long.class,
        number)).isZero();
    assertThat(holder.get("/api/v1/subscriptions/" + registered.id()).status()).isEqualTo(401);
    assertThat(holder.delete("/api/v1/subscriptions/" + registered.id()).status())
        .isEqualTo(401);
  }

  @Test
  void aLostLinkIsReplacedWithACodeSentToAVerifiedContactAndTheOldLinkStopsWorking() {
    String number = Numbers.randomBelgianMobile();
    Registered registered = registrations.registerVerified(number);
    String verificationCode = topics.awaitCode(Channel.SMS, number);

    Response asked = api.post("/api/v1/management/codes", Map.of("contact", sms(number)));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    String code = awaitNewCode(number, verificationCode);
    DeliveryTask task = topics.awaitVerificationTask(Channel.SMS, number);
    assertThat(task.getKind()).isEqualTo(TaskKind.VERIFICATION);
    assertThat(task.getMessage().getLanguage()).isEqualTo("nl");

    Response opened = api.post("/api/v1/management/sessions",
        Map.of("contact", sms(number), "code", code));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.body().get("subscriptionId").asString())
        .isEqualTo(registered.id().toString());
    String newToken = opened.body().get("managementToken").asString();
    assertThat(api.withToken(newToken).get("/api/v1/subscriptions/" + registered.id()).status())
        .isEqualTo(200);
    assertThat(api.withToken(registered.token()).get("/api/v1/subscriptions/" + registered.id())
        .status()).as("the lost link no longer works").isEqualTo(401);
    assertThat(api.post("/api/v1/management/sessions",
        Map.of("contact", sms(number), "code", code)).status())
        .as("a management code works once").isEqualTo(400);
  }

  @Test
  void answersTellNothingAboutWhetherAnAddressIsRegistered() {
    String registeredNumber = Numbers.randomBelgianMobile();
    registrations.registerVerified(registeredNumber);
    String unknownNumber = Numbers.randomBelgianMobile();

    Response known = api.post("/api/v1/management/codes", Map.of("contact",
        sms(registeredNumber)));
    Response unknown = api.post("/api/v1/management/codes", Map.of("contact",
        sms(unknownNumber)));
    assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
    assertThat(known.text()).isEqualTo(unknown.text());

    Response wrongForKnown = api.post("/api/v1/management/sessions",
        Map.of("contact", sms(registeredNumber), "code", "000000"));
    Response wrongForUnknown = api.post("/api/v1/management/sessions",
        Map.of("contact", sms(unknownNumber), "code", "000000"));
    assertThat(wrongForKnown.status()).isEqualTo(wrongForUnknown.status()).isEqualTo(400);
    assertThat(wrongForKnown.text()).isEqualTo(wrongForUnknown.text());

    Registered again = registrations.register("nl", List.of(sms(registeredNumber)));
    Registered fresh = registrations.register("nl", List.of(sms(unknownNumber)));
    assertThat(shape(again.response())).isEqualTo(shape(fresh.response()));
  }

  @Test
  void verifyingAnAddressHeldByAnotherSubscriptionMovesItThere() {
    String number = Numbers.randomBelgianMobile();
    Registered first = registrations.registerVerified(number);
    SubscriberChanged published = topics.awaitSubscriber(first.id(), value -> true).value();

    Registered second = registrations.register("en", List.of(sms(number)));
    Response verified = registrations.verify(second, 0, number);
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

    assertThat(topics.awaitSubscriber(first.id(), value -> value == null).value())
        .as("the first subscription lost its only verified contact: tombstone").isNull();
    assertThat(topics.awaitSubscriber(second.id(), value -> value != null).value()
        .getContacts()).extracting(contact -> contact.getAddress()).containsExactly(number);
    assertThat(published.getContacts()).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE address = ? "
        + "AND verified_at IS NOT NULL", Long.class, number)).isEqualTo(1);
  }

  @Test
  void servesItsOpenApiDescriptionHealthAndMetrics() {
    Response docs = api.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().get("paths").propertyNames()).contains(
        "/api/v1/subscriptions", "/api/v1/subscriptions/{id}", "/api/v1/verifications",
        "/api/v1/management/codes", "/api/v1/management/sessions",
        "/api/v1/subscriptions/{id}/export", "/api/v1/zones");
    assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    Response metrics = api.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("tocsin_subscriptions_abuse_refused_total",
        "tocsin_outbox_pending");
  }

  private String awaitNewCode(String number, String previous) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String code = topics.awaitCode(Channel.SMS, number);
      if (!code.equals(previous)) {
        return code;
      }
    }
    throw new AssertionError("No new code was sent");
  }

  /** The answer with its random parts (ids, token, expiry) blanked. */
  private static String shape(Response response) {
    return response.status() + response.text()
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
        .replaceAll("\"managementToken\":\"[^\"]+\"", "TOKEN")
        .replaceAll("#manage=ID\\.[A-Za-z0-9_-]+", "LINK")
        .replaceAll("\"(createdAt|codeExpiresAt)\":\"[^\"]+\"", "TIME")
        .replaceAll("\\+324…\\d\\d", "MASKED");
  }
}
