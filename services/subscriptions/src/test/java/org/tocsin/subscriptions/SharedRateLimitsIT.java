package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.events.v1.Channel;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.Registrations.Registered;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.postgres.PostgresDatabase;
import org.tocsin.testing.postgres.PostgresServers;

/**
 * Two instances of the service on one database, as behind a load balancer: the codes sent to a
 * contact, the codes a client submits and the wrong attempts at a verification code count
 * against the same limits whichever instance answers, and a restarted instance still knows
 * them.
 */
class SharedRateLimitsIT {

  private static final int CODES_PER_CONTACT = 3;
  private static final int CODE_CHECKS_PER_CLIENT = 4;
  private static final int MAX_ATTEMPTS = 3;

  private static final PostgresDatabase database =
      PostgresServers.shared().createDatabase("shared_limits");
  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void startTwoInstances() {
    first = start();
    second = start();
  }

  @AfterAll
  static void stopThem() {
    for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {
        first, second}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  @Test
  void limitsAndCodeAttemptsHoldAcrossTwoInstancesAndARestart() {
    // Codes sent to one contact, asked for from a new client each time.
    String contact = Numbers.randomEmail();
    List<Api> alternating = List.of(client(first), client(second), client(first));
    for (Api api : alternating.subList(0, CODES_PER_CONTACT)) {
      assertThat(managementCode(api, contact).status()).isEqualTo(202);
    }
    assertThat(managementCode(client(second), contact).status()).isEqualTo(429);

    // Codes submitted by one client.
    String checker = "198.18.7." + (1 + (int) (Math.random() * 250));
    for (int i = 0; i < CODE_CHECKS_PER_CLIENT; i++) {
      Api api = new Api(port(i % 2 == 0 ? first : second), checker);
      assertThat(wrongManagementCode(api).status()).isEqualTo(400);
    }
    assertThat(wrongManagementCode(new Api(port(second), checker)).status()).isEqualTo(429);

    // Wrong attempts at one verification code, each from a client of its own.
    String address = Numbers.randomEmail();
    Registered registered = new Registrations(client(first), null)
        .register("en", List.of(email(address)));
    String contactId = registered.contacts().get(0).id().toString();
    for (int i = 1; i <= MAX_ATTEMPTS; i++) {
      Response wrong = wrongVerificationCode(client(i % 2 == 0 ? first : second), contactId);
      assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    }
    String code = KafkaTopicsReader.codeIn(
        new KafkaTopicsReader(KafkaBrokers.shared().bootstrapServers())
            .awaitVerificationTask(Channel.EMAIL, address, registered.id()));
    Response locked = client(first).post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", code));
    assertThat(locked.status()).as("the right code after %d wrong ones on two instances: %s",
        MAX_ATTEMPTS, locked).isEqualTo(400);
    assertThat(locked.text()).contains("locked");

    first.close();
    first = start();

    assertThat(managementCode(client(first), contact).status())
        .as("codes per contact after a restart").isEqualTo(429);
    assertThat(wrongManagementCode(new Api(port(first), checker)).status())
        .as("code checks per client after a restart").isEqualTo(429);
    assertThat(client(first).post("/api/v1/verifications",
        Map.of("contactId", contactId, "code", code)).text())
        .as("a locked code after a restart").contains("locked");
  }

  private static Response managementCode(Api api, String address) {
    return api.post("/api/v1/management/codes", Map.of("contact", email(address)));
  }

  private static Response wrongManagementCode(Api api) {
    return api.post("/api/v1/management/sessions",
        Map.of("contact", email(Numbers.randomEmail()), "code", "000000"));
  }

  private static Response wrongVerificationCode(Api api, String contactId) {
    // Six digits no code is: codes are drawn from 000000 to 999999, so a fixed guess could be
    // right; a seven-digit one cannot.
    return api.post("/api/v1/verifications", Map.of("contactId", contactId, "code", "0000000"));
  }

  private static Api client(ConfigurableApplicationContext instance) {
    return Api.fromRandomClient(port(instance));
  }

  private static int port(ConfigurableApplicationContext instance) {
    return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private static ConfigurableApplicationContext start() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("server.forward-headers-strategy", "native");
    properties.put("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
    properties.put("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For");
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", database.username());
    properties.put("spring.datasource.password", database.password());
    properties.put("spring.kafka.bootstrap-servers", KafkaBrokers.shared().bootstrapServers());
    properties.put("tocsin.outbox.min-backoff", "100ms");
    properties.put("tocsin.outbox.max-backoff", "1s");
    properties.put("tocsin.subscriptions.rate-limits.codes-per-contact",
        CODES_PER_CONTACT + "/1h");
    properties.put("tocsin.subscriptions.rate-limits.code-checks-per-client",
        CODE_CHECKS_PER_CLIENT + "/1h");
    properties.put("tocsin.subscriptions.verification.max-attempts", MAX_ATTEMPTS);
    // As command-line arguments, which take precedence over application.properties.
    return new SpringApplicationBuilder(SubscriptionsApplication.class).run(
        properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new));
  }
}
