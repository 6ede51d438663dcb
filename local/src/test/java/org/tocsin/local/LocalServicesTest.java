package org.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalServicesTest {

  private static final LocalInfrastructure INFRASTRUCTURE = new LocalInfrastructure(
      "127.0.0.1:9092", 15432, 3025, "http://127.0.0.1:8099", "ACfake", "token",
      "http://127.0.0.1:9000", "http://127.0.0.1:8098", "BPublicKey", "privateKey");

  @Test
  void runsEveryServiceOnItsOwnPortAndDatabase() {
    List<LocalService> services = LocalServices.all(INFRASTRUCTURE, Map.of(), false);

    assertThat(services).extracting(LocalService::name).containsExactly(
        "alert-intake", "subscriptions", "dispatcher-sms", "dispatcher-email", "dispatcher-push",
        "delivery-tracker");
    assertThat(services).extracting(LocalService::port).doesNotHaveDuplicates();
    assertThat(services).allSatisfy(service -> assertThat(service.properties())
        .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"));
    assertThat(service(services, "alert-intake").properties()).containsEntry(
        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:15432/alert_intake");
    assertThat(service(services, "subscriptions").database()).isEqualTo("subscriptions");
  }

  @Test
  void sendsThroughTheFakesUnlessRealProvidersAreConfigured() {
    List<LocalService> fakes = LocalServices.all(INFRASTRUCTURE, Map.of(), false);
    assertThat(service(fakes, "dispatcher-sms").properties())
        .containsEntry("tocsin.sms.primary.api-base-url", "http://127.0.0.1:8099")
        .containsEntry("tocsin.sms.primary.account-sid", "ACfake");
    assertThat(service(fakes, "dispatcher-email").properties())
        .containsEntry("spring.mail.port", "3025");
    assertThat(service(fakes, "dispatcher-push").properties())
        .containsEntry("tocsin.push.vapid.public-key", "BPublicKey")
        .containsEntry("tocsin.push.allow-insecure-endpoints", "true");
    assertThat(service(fakes, "subscriptions").properties())
        .containsEntry("tocsin.subscriptions.page.vapid-public-key", "BPublicKey");

    List<LocalService> real = LocalServices.all(INFRASTRUCTURE,
        Map.of("TWILIO_ACCOUNT_SID", "AC123", "SPRING_MAIL_HOST", "smtp.example.org",
            "TOCSIN_PUSH_VAPID_PUBLIC_KEY", "BRealKey"), false);
    assertThat(service(real, "dispatcher-sms").properties().keySet())
        .noneMatch(key -> key.startsWith("tocsin.sms."));
    assertThat(service(real, "dispatcher-email").properties().keySet())
        .noneMatch(key -> key.startsWith("spring.mail."));
    assertThat(service(real, "dispatcher-push").properties().keySet())
        .noneMatch(key -> key.startsWith("tocsin.push."));
  }

  @Test
  void raisesTheAbuseLimitsOnlyForTheDemoSeed() {
    assertThat(service(LocalServices.all(INFRASTRUCTURE, Map.of(), false), "subscriptions")
        .properties().keySet()).noneMatch(key -> key.contains("rate-limits"));
    assertThat(service(LocalServices.all(INFRASTRUCTURE, Map.of(), true), "subscriptions")
        .properties()).containsEntry(
            "tocsin.subscriptions.rate-limits.registrations-per-client", "1000000/1m");
  }

  private static LocalService service(List<LocalService> services, String name) {
    return services.stream().filter(service -> service.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
