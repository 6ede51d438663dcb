package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;
import static org.tocsin.subscriptions.Registrations.sms;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

/**
 * The patterns of SMS pumping, and plain floods, are refused with 429 (or 400 for numbers that
 * are never accepted), counted per rule, and cost no SMS. Default limits of the service.
 */
@ServiceIT
class SmsPumpingIT {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;
  @Autowired
  MeterRegistry meters;
  @Autowired
  JdbcTemplate jdbc;

  KafkaTopicsReader topics;

  @BeforeEach
  void reader() {
    topics = new KafkaTopicsReader(bootstrapServers);
  }

  @Test
  void refusesManyNumbersFromOneClientAddress() {
    Api client = Api.fromRandomClient(port);
    double before = refusals("sms-numbers-per-client");
    for (int i = 0; i < 5; i++) {
      assertThat(register(client, Numbers.randomBelgianMobile()).status()).isEqualTo(201);
    }
    String sixth = Numbers.randomBelgianMobile();
    Response refused = register(client, sixth);
    assertRateLimited(refused);
    assertThat(refusals("sms-numbers-per-client")).isEqualTo(before + 1);
    assertNoCodeSentTo(sixth);
  }

  @Test
  void refusesSequentialNumbersEvenFromDifferentAddresses() {
    String block = "+3248" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    double before = refusals("sms-sequential-numbers");
    for (int i = 1; i <= 3; i++) {
      assertThat(register(Api.fromRandomClient(port), block + "0" + i).status()).isEqualTo(201);
    }
    Response fourth = register(Api.fromRandomClient(port), block + "04");
    assertRateLimited(fourth);
    assertThat(refusals("sms-sequential-numbers")).isEqualTo(before + 1);
    assertNoCodeSentTo(block + "04");
  }

  @Test
  void refusesPremiumRateAndSpecialServiceNumbersAndCountsThem() {
    double before = refusals("sms-premium-number");
    for (String region : List.of("BE", "NL", "FR", "GB")) {
      String premium = PHONES.format(PHONES.getExampleNumberForType(region,
          PhoneNumberType.PREMIUM_RATE), PhoneNumberFormat.E164);
      Response refused = register(Api.fromRandomClient(port), premium);
      assertThat(refused.status()).as(premium).isEqualTo(400);
      assertNoCodeSentTo(premium);
    }
    assertThat(refusals("sms-premium-number")).isEqualTo(before + 4);
  }

  @Test
  void refusesNumbersOfCountriesNotServedAndCountsThem() {
    double before = refusals("sms-region-not-served");
    List<String> numbers = new ArrayList<>();
    for (String region : List.of("US", "CU", "SN")) {
      numbers.add(PHONES.format(PHONES.getExampleNumberForType(region, PhoneNumberType.MOBILE),
          PhoneNumberFormat.E164));
    }
    numbers.add("+88213" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
    for (String number : numbers) {
      Response refused = register(Api.fromRandomClient(port), number);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    }
    assertThat(refusals("sms-region-not-served")).isGreaterThanOrEqualTo(before + 3);
    numbers.forEach(this::assertNoCodeSentTo);
  }

  @Test
  void refusesABurstOfCodesToOneForeignCountry() {
    double before = refusals("sms-region-burst");
    int accepted = 0;
    Response last = null;
    String refusedNumber = null;
    while (accepted <= 30) {
      String number = luxembourgMobile();
      last = register(Api.fromRandomClient(port), number);
      if (last.status() != 201) {
        refusedNumber = number;
        break;
      }
      accepted++;
    }
    assertThat(accepted).as("numbers accepted before the burst is cut").isEqualTo(30);
    assertRateLimited(last);
    assertThat(refusals("sms-region-burst")).isEqualTo(before + 1);
    assertNoCodeSentTo(refusedNumber);
    assertThat(register(Api.fromRandomClient(port), Numbers.randomBelgianMobile()).status())
        .as("numbers of the home country are not limited per country").isEqualTo(201);
  }

  @Test
  void refusesMoreThanFiveCodesToOneNumberInAnHour() {
    Api client = Api.fromRandomClient(port);
    String number = Numbers.randomBelgianMobile();
    Response registered = register(client, number);
    Registered subscription = new Registered(
        UUID.fromString(registered.body().get("subscriptionId").asString()),
        registered.body().get("managementToken").asString(), List.of(), registered);
    String contactId = registered.body().get("contacts").get(0).get("contactId").asString();
    Api holder = client.withToken(subscription.token());
    double before = refusals("codes-per-contact");
    for (int resend = 1; resend <= 4; resend++) {
      assertThat(holder.post("/api/v1/subscriptions/" + subscription.id() + "/contacts/"
          + contactId + "/code", Map.of()).status()).isEqualTo(202);
    }
    Response sixth = holder.post("/api/v1/subscriptions/" + subscription.id() + "/contacts/"
        + contactId + "/code", Map.of());
    assertRateLimited(sixth);
    assertThat(refusals("codes-per-contact")).isEqualTo(before + 1);
    Response elsewhere = register(Api.fromRandomClient(port), number);
    assertRateLimited(elsewhere);
  }

  @Test
  void refusesAFloodOfRegistrationsAndOfCodeGuessesFromOneClient() {
    Api client = Api.fromRandomClient(port);
    double registrationsBefore = refusals("registrations-per-client");
    for (int i = 0; i < 20; i++) {
      assertThat(client.post("/api/v1/subscriptions", Map.of("language", "en",
          "contacts", List.of(email(Numbers.randomEmail())))).status()).isEqualTo(201);
    }
    assertRateLimited(client.post("/api/v1/subscriptions", Map.of("language", "en",
        "contacts", List.of(email(Numbers.randomEmail())))));
    assertThat(refusals("registrations-per-client")).isEqualTo(registrationsBefore + 1);

    Api guesser = Api.fromRandomClient(port);
    double checksBefore = refusals("code-checks-per-client");
    for (int i = 0; i < 30; i++) {
      assertThat(guesser.post("/api/v1/verifications", Map.of("contactId", UUID.randomUUID(),
          "code", "123456")).status()).isEqualTo(400);
    }
    assertRateLimited(guesser.post("/api/v1/verifications", Map.of("contactId",
        UUID.randomUUID(), "code", "123456")));
    assertThat(refusals("code-checks-per-client")).isEqualTo(checksBefore + 1);
  }

  private Response register(Api client, String number) {
    return client.post("/api/v1/subscriptions", Map.of("language", "fr",
        "contacts", List.of(sms(number))));
  }

  private double refusals(String rule) {
    return meters.counter("tocsin.subscriptions.abuse.refused", "rule", rule).count();
  }

  private static void assertRateLimited(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(429);
    assertThat(response.body().get("type").asString()).isEqualTo("urn:tocsin:problem:rate-limited");
    assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
  }

  /** No code went to the number: a later code reaches the topic, and none for it before. */
  private void assertNoCodeSentTo(String number) {
    String sentinel = Numbers.randomBelgianMobile();
    assertThat(register(Api.fromRandomClient(port), sentinel).status()).isEqualTo(201);
    topics.awaitCode(Channel.SMS, sentinel);
    assertThat(topics.readAll(Topics.DEFAULTS.verifications(Channel.SMS)))
        .noneMatch(record -> record.key().equals(number));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE address = ?", Long.class,
        number)).isZero();
  }

  private static String luxembourgMobile() {
    return "+352621" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  }
}
