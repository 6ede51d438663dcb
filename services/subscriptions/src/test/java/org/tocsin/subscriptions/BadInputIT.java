package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;
import static org.tocsin.subscriptions.Registrations.location;
import static org.tocsin.subscriptions.Registrations.sms;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.Registrations.Registered;

/** Bad input is refused with the field at fault, and nothing of it is stored or sent. */
@ServiceIT
class BadInputIT {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final String P256DH =
      "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
  private static final String AUTH = "tBHItJI5svbpez7KI4CCXg";

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
  void refusesNumbersThatAreNotMobileNumbersOfAServedCountry() {
    List<String> numbers = List.of("12345", "not a number", "+32 2 555 12 34",
        example("BE", PhoneNumberType.PREMIUM_RATE), example("GB", PhoneNumberType.PREMIUM_RATE),
        example("BE", PhoneNumberType.TOLL_FREE), example("US", PhoneNumberType.MOBILE),
        "+32 470 12 34 567 890");
    for (String number : numbers) {
      assertRefused(register(List.of(sms(number))), "contacts[0].address");
    }
    assertNothingSentTo(numbers);
  }

  @Test
  void refusesInvalidEmailAddresses() {
    List<String> addresses = List.of("plainaddress", "a@b", "a@@example.org",
        "a b@example.org", "x@-bad-.example.org", "x@bad..example.org", ".x@example.org",
        "x@example.123", "x".repeat(65) + "@example.org", "x@" + "a".repeat(250) + ".org",
        "ünïcode@example.org");
    for (String address : addresses) {
      assertRefused(register(List.of(email(address))), "contacts[0].address");
    }
    assertNothingSentTo(addresses);
  }

  @Test
  void refusesPushSubscriptionsThatAreNotHttpsEndpointsOfKnownPushServicesWithTheirKeys() {
    String good = "https://fcm.googleapis.com/fcm/send/" + UUID.randomUUID();
    assertRefused(register(List.of(push("http://fcm.googleapis.com/fcm/send/x", P256DH, AUTH))),
        "contacts[0].address");
    assertRefused(register(List.of(push("https://internal.example.org/push", P256DH, AUTH))),
        "contacts[0].address");
    assertRefused(register(List.of(push("https://127.0.0.1/push", P256DH, AUTH))),
        "contacts[0].address");
    assertRefused(register(List.of(push(good, "AAAA", AUTH))), "contacts[0].keys");
    assertRefused(register(List.of(push(good, P256DH, "!!not base64!!"))), "contacts[0].keys");
    assertRefused(register(List.of(Map.of("channel", "PUSH", "address", good))),
        "contacts[0].keys");

    Registered accepted = registrations.register("en", List.of(push(good, P256DH, AUTH)));
    var task = topics.awaitVerificationTask(Channel.PUSH, good);
    assertThat(task.getSubscriberId()).isEqualTo(accepted.id().toString());
    assertThat(task.getPushKeys().getP256dh()).isEqualTo(P256DH);
    assertThat(task.getPushKeys().getAuth()).isEqualTo(AUTH);
  }

  @Test
  void refusesSixLocationsAndCoordinatesOutOfRangeWithoutSendingTheValidContact() {
    String number = Numbers.randomBelgianMobile();
    List<Map<String, Object>> six = IntStream.range(0, 6)
        .mapToObj(i -> location("Place " + i, 50.0 + i / 10.0, 4.0)).toList();
    assertRefused(registerWith(number, six), "locations");
    assertRefused(registerWith(number, List.of(location("North", 90.5, 4.0))),
        "locations[0].latitude");
    assertRefused(registerWith(number, List.of(location("South", -91, 4.0))),
        "locations[0].latitude");
    assertRefused(registerWith(number, List.of(location("Wrap", 50.0, -180.01))),
        "locations[0].longitude");
    assertRefused(registerWith(number, List.of(location("", 50.0, 4.0))), "locations[0].label");
    assertRefused(registerWith(number, List.of(location("Bell\u0007", 50.0, 4.0))),
        "locations[0].label");
    assertRefused(registerWith(number, List.of(Map.of("label", "Nowhere"))),
        "locations[0].latitude");
    assertNothingSentTo(List.of(number));
  }

  @Test
  void refusesUnknownAndEndedZonesWithoutSendingTheValidContact() {
    String known = "bad-input-known-" + UUID.randomUUID();
    String ended = "bad-input-ended-" + UUID.randomUUID();
    try (ZoneFixtures zones = new ZoneFixtures(bootstrapServers)) {
      zones.publish(ZoneFixtures.municipality(known, Map.of("en", "Known"), List.of("7000"),
          50.45, 3.95));
      zones.publish(ZoneFixtures.eventZone(ended, "Past festival",
          Instant.now().minus(Duration.ofDays(1))));
    }
    awaitZone(known);
    String number = Numbers.randomBelgianMobile();
    Response unknown = api.post("/api/v1/subscriptions", Map.of("language", "en",
        "contacts", List.of(sms(number)), "zones", List.of(known, "no-such-zone")));
    assertRefused(unknown, "zones[1]");
    assertThat(unknown.body().get("errors")).hasSize(1);
    awaitEndedZoneStored(ended);
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "en",
        "contacts", List.of(sms(number)), "zones", List.of(ended))), "zones[0]");
    assertNothingSentTo(List.of(number));

    Registered accepted = registrations.register(Map.of("language", "en",
        "contacts", List.of(sms(Numbers.randomBelgianMobile())), "zones", List.of(known)));
    assertThat(accepted.id()).isNotNull();
  }

  @Test
  void refusesMalformedUnknownAndMissingFields() {
    String number = Numbers.randomBelgianMobile();
    assertRefused(api.post("/api/v1/subscriptions", "{\"language\": \"nl\", \"contacts\": ["),
        "body");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl",
        "contacts", List.of(sms(number)), "isAdmin", true)), "isAdmin");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl",
        "contacts", List.of(Map.of("channel", "FAX", "address", number)))),
        "contacts[0].channel");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "xx",
        "contacts", List.of(sms(number)))), "language");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl")), "contacts");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl",
        "contacts", List.of())), "contacts");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl",
        "contacts", List.of(sms(number), sms(number.replace("+32", "0"))))), "contacts[1]");
    assertRefused(api.post("/api/v1/subscriptions", Map.of("language", "nl",
        "contacts", List.of(sms(number)), "declinedCategories", List.of("NOT_A_CATEGORY"))),
        "declinedCategories[0]");
    assertRefused(api.postRaw("/api/v1/subscriptions", "text/plain",
        "language=nl".getBytes(StandardCharsets.UTF_8)), null, 415);
    assertNothingSentTo(List.of(number));
  }

  @Test
  void refusesOversizedBodiesWhetherTheyAnnounceTheirLengthOrNot() throws Exception {
    String huge = "{\"language\":\"nl\",\"contacts\":[{\"channel\":\"SMS\",\"address\":\"+32470"
        + "0".repeat(20_000) + "\"}]}";
    Response declared = api.postRaw("/api/v1/subscriptions", "application/json",
        huge.getBytes(StandardCharsets.UTF_8));
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.body().get("type").asString()).isEqualTo("urn:tocsin:problem:too-large");

    HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/subscriptions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void anInvalidUpdateChangesNothing() {
    Registered registered = registrations.registerVerified(Numbers.randomBelgianMobile());
    Api holder = api.withToken(registered.token());
    long revision = holder.get("/api/v1/subscriptions/" + registered.id()).body()
        .get("revision").asLong();
    List<Map<String, Object>> locations = new ArrayList<>(Collections.nCopies(2,
        location("Fine", 50.0, 4.0)));
    locations.add(location("Broken", 50.0, 200.0));
    assertRefused(holder.put("/api/v1/subscriptions/" + registered.id(),
        Map.of("language", "fr", "locations", locations)), "locations[2].longitude");
    assertRefused(holder.put("/api/v1/subscriptions/" + registered.id(),
        Map.of("language", "fr", "zones", List.of("no-such-zone"))), "zones[0]");
    Response view = holder.get("/api/v1/subscriptions/" + registered.id());
    assertThat(view.body().get("revision").asLong()).isEqualTo(revision);
    assertThat(view.body().get("language").asString()).isEqualTo("nl");
    assertThat(view.body().get("locations")).hasSize(1);

    Response lastContact = holder.delete("/api/v1/subscriptions/" + registered.id()
        + "/contacts/" + registered.contacts().get(0).id());
    assertThat(lastContact.status()).as(lastContact.toString()).isEqualTo(409);
    assertThat(api.withToken("not-the-token").get("/api/v1/subscriptions/" + registered.id())
        .status()).isEqualTo(401);
    assertThat(api.get("/api/v1/subscriptions/" + registered.id()).header("WWW-Authenticate"))
        .isEqualTo("Bearer");
    Registered other = registrations.register("nl", List.of(sms(Numbers.randomBelgianMobile())));
    assertThat(api.withToken(other.token()).get("/api/v1/subscriptions/" + registered.id())
        .status()).as("another subscription's token").isEqualTo(401);
  }

  @Test
  void refusesExpiredAndReusedCodes() {
    String number = Numbers.randomBelgianMobile();
    Registered registered = registrations.register("nl", List.of(sms(number)));
    UUID contactId = registered.contacts().get(0).id();
    String code = topics.awaitCode(Channel.SMS, number);
    jdbc.update("UPDATE verification_code SET expires_at = now() - interval '1 second' "
        + "WHERE contact_id = ?", contactId);
    Response expired = api.post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", code));
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.body().get("type").asString()).isEqualTo("urn:tocsin:problem:code-expired");
    assertThat(topics.subscriberEvents(registered.id())).isEmpty();

    Api holder = api.withToken(registered.token());
    assertThat(holder.post("/api/v1/subscriptions/" + registered.id() + "/contacts/" + contactId
        + "/code", Map.of()).status()).isEqualTo(202);
    String fresh = awaitCodeOtherThan(number, code);
    assertThat(api.post("/api/v1/verifications", Map.of("contactId", contactId, "code", code))
        .status()).as("the replaced code").isEqualTo(400);
    assertThat(api.post("/api/v1/verifications", Map.of("contactId", contactId, "code", fresh))
        .status()).isEqualTo(200);
    Response reused = api.post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", fresh));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.body().get("type").asString()).isEqualTo("urn:tocsin:problem:code-used");
  }

  @Test
  void locksACodeAfterFiveWrongAttemptsEvenAgainstTheRightCode() {
    String number = Numbers.randomBelgianMobile();
    Registered registered = registrations.register("nl", List.of(sms(number)));
    UUID contactId = registered.contacts().get(0).id();
    String code = topics.awaitCode(Channel.SMS, number);
    String wrong = code.equals("000000") ? "111111" : "000000";
    for (int attempt = 1; attempt <= 4; attempt++) {
      Response response = api.post("/api/v1/verifications",
          Map.of("contactId", contactId, "code", wrong));
      assertThat(response.body().get("type").asString()).isEqualTo("urn:tocsin:problem:code-wrong");
      assertThat(response.body().get("attemptsLeft").asInt()).isEqualTo(5 - attempt);
    }
    Response fifth = api.post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", wrong));
    assertThat(fifth.body().get("type").asString()).isEqualTo("urn:tocsin:problem:code-locked");
    Response right = api.post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", code));
    assertThat(right.status()).isEqualTo(400);
    assertThat(right.body().get("type").asString()).isEqualTo("urn:tocsin:problem:code-locked");
    assertThat(jdbc.queryForObject("SELECT verified_at IS NULL FROM contact WHERE id = ?",
        Boolean.class, contactId)).isTrue();
  }

  private Response register(List<Map<String, Object>> contacts) {
    return api.post("/api/v1/subscriptions", Map.of("language", "en", "contacts", contacts));
  }

  private Response registerWith(String number, List<Map<String, Object>> locations) {
    return api.post("/api/v1/subscriptions", Map.of("language", "en",
        "contacts", List.of(sms(number)), "locations", locations));
  }

  private static Map<String, Object> push(String endpoint, String p256dh, String auth) {
    return Map.of("channel", "PUSH", "address", endpoint,
        "keys", Map.of("p256dh", p256dh, "auth", auth));
  }

  private static String example(String region, PhoneNumberType type) {
    return PHONES.format(PHONES.getExampleNumberForType(region, type), PhoneNumberFormat.E164);
  }

  private void assertRefused(Response response, String field) {
    assertRefused(response, field, 400);
  }

  private void assertRefused(Response response, String field, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(response.body().get("errors").findValuesAsString("field"))
          .as(response.toString()).contains(field);
    }
  }

  /**
   * Nothing was sent to these recipients: a later registration's code reaches the topic (the
   * outbox keeps order), and nothing for them came before it.
   */
  private void assertNothingSentTo(List<String> recipients) {
    String sentinel = Numbers.randomBelgianMobile();
    registrations.register("en", List.of(sms(sentinel)));
    topics.awaitCode(Channel.SMS, sentinel);
    Set<String> refused = Set.copyOf(recipients);
    for (Channel channel : Channel.values()) {
      assertThat(topics.readAll(Topics.DEFAULTS.verifications(channel)))
          .noneMatch(record -> refused.contains(record.key())
              || refused.contains(record.key().replace("+32", "0")));
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE address = ANY (?)",
        Long.class, (Object) recipients.toArray(String[]::new))).isZero();
  }

  private void awaitZone(String zoneId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (api.get("/api/v1/zones/" + zoneId).status() != 200) {
      assertThat(System.nanoTime()).as("zone " + zoneId + " known").isLessThan(deadline);
      sleep();
    }
  }

  private void awaitEndedZoneStored(String zoneId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM zone WHERE zone_id = ?", Long.class,
        zoneId) == 0) {
      assertThat(System.nanoTime()).as("zone " + zoneId + " stored").isLessThan(deadline);
      sleep();
    }
  }

  private String awaitCodeOtherThan(String number, String previous) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String code;
    while ((code = topics.awaitCode(Channel.SMS, number)).equals(previous)) {
      assertThat(System.nanoTime()).as("a new code").isLessThan(deadline);
      sleep();
    }
    return code;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
