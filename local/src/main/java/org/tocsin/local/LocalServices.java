package org.tocsin.local;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Tocsin service the local stack runs, and how each is pointed at the local
 * infrastructure. A new service is one more entry in {@link #all}.
 */
final class LocalServices {

  /** Abuse limits high enough for the demo seed to register thousands from one address. */
  private static final String SEED_RATE = "1000000/1m";

  private LocalServices() {
  }

  /**
   * The services, configured for {@code infrastructure}. The provider fakes are used unless the
   * environment names real providers ({@code TWILIO_ACCOUNT_SID}, {@code SPRING_MAIL_HOST},
   * {@code TOCSIN_PUSH_VAPID_PUBLIC_KEY}), which the services then read themselves.
   */
  static List<LocalService> all(LocalInfrastructure infrastructure, Map<String, String> environment,
                                boolean demo) {
    String kafka = infrastructure.kafkaBootstrapServers();

    Map<String, String> subscriptions = new HashMap<>(Map.of(
        "spring.kafka.bootstrap-servers", kafka,
        "spring.datasource.url", infrastructure.jdbcUrl("subscriptions")));
    if (demo) {
      for (String limit : List.of("registrations-per-client", "codes-per-client",
          "code-checks-per-client", "sms-numbers-per-client", "sms-numbers-per-block")) {
        subscriptions.put("tocsin.subscriptions.rate-limits." + limit, SEED_RATE);
      }
    }

    Map<String, String> sms = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", kafka));
    if (isBlank(environment.get("TWILIO_ACCOUNT_SID"))) {
      sms.putAll(Map.of(
          "tocsin.sms.primary.account-sid", infrastructure.twilioAccountSid(),
          "tocsin.sms.primary.auth-token", infrastructure.twilioAuthToken(),
          "tocsin.sms.primary.from", "Tocsin",
          "tocsin.sms.primary.api-base-url", infrastructure.twilioFakeUrl(),
          // The fake takes thousands a second; a real account's limit is its contract's.
          "tocsin.sms.primary.messages-per-second", "0",
          "tocsin.sms.status-callback-url", "http://127.0.0.1:8083/sms/status"));
    }

    Map<String, String> push = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", kafka));
    if (isBlank(environment.get(LocalVapidKeys.PUBLIC))) {
      push.putAll(Map.of(
          "tocsin.push.vapid.public-key", infrastructure.vapidPublicKey(),
          "tocsin.push.vapid.private-key", infrastructure.vapidPrivateKey(),
          // The push service fake is http on 127.0.0.1, which only this setting lets through.
          "tocsin.push.allow-insecure-endpoints", "true"));
      subscriptions.put("tocsin.subscriptions.page.vapid-public-key",
          infrastructure.vapidPublicKey());
      subscriptions.put("tocsin.subscriptions.contacts.allow-insecure-push-endpoints", "true");
    }

    Map<String, String> email = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", kafka));
    if (isBlank(environment.get("SPRING_MAIL_HOST"))) {
      email.putAll(Map.of(
          "spring.mail.host", "127.0.0.1",
          "spring.mail.port", String.valueOf(infrastructure.smtpPort())));
    }

    return List.of(
        new LocalService("alert-intake", "services/alert-intake", 8081, "384m", "alert_intake",
            Map.of("spring.kafka.bootstrap-servers", kafka,
                "spring.datasource.url", infrastructure.jdbcUrl("alert_intake"),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                infrastructure.issuerUrl()),
            links("Operator API (Swagger UI)", "http://127.0.0.1:8081/swagger-ui.html")),
        new LocalService("subscriptions", "services/subscriptions", 8082, "384m", "subscriptions",
            subscriptions,
            links("Citizen page", "http://localhost:8082/",
                "Citizen API (OpenAPI)", "http://localhost:8082/v3/api-docs")),
        new LocalService("dispatcher-sms", "services/dispatcher-sms", 8083, "384m", null, sms,
            links("SMS dispatcher metrics", "http://127.0.0.1:8083/actuator/prometheus")),
        new LocalService("dispatcher-email", "services/dispatcher-email", 8084, "384m", null, email,
            links("E-mail dispatcher metrics", "http://127.0.0.1:8084/actuator/prometheus")),
        new LocalService("dispatcher-push", "services/dispatcher-push", 8085, "384m", null, push,
            links("Push dispatcher metrics", "http://127.0.0.1:8085/actuator/prometheus")),
        new LocalService("delivery-tracker", "services/delivery-tracker", 8086, "512m",
            "delivery_tracker",
            Map.of("spring.kafka.bootstrap-servers", kafka,
                "spring.datasource.url", infrastructure.jdbcUrl("delivery_tracker"),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                infrastructure.issuerUrl()),
            links("Delivery dashboard", "http://127.0.0.1:8086/",
                "Delivery API (Swagger UI)", "http://127.0.0.1:8086/swagger-ui.html")));
  }

  private static Map<String, String> links(String... whatAndUrl) {
    Map<String, String> links = new LinkedHashMap<>();
    for (int i = 0; i < whatAndUrl.length; i += 2) {
      links.put(whatAndUrl[i], whatAndUrl[i + 1]);
    }
    return links;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
