package org.tocsin.deliverytracker.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.deliverytracker.DeliveryTrackerApplication;
import org.tocsin.events.topics.Topics;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.spring.RealKafka;
import org.tocsin.testing.spring.RealPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracker in this JVM against the real Kafka broker and PostgreSQL of the tests, on topics
 * of its own for each test class, with tokens from {@link TestIssuer}.
 */
@SpringBootTest(classes = DeliveryTrackerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealKafka
@RealPostgres
@DirtiesContext
public abstract class TrackerHarness {

  /** How long the tracker takes at most to show a record: a poll, a checkpoint, a tick. */
  protected static final Duration SHOWN_WITHIN = Duration.ofSeconds(30);
  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  protected static Events events;

  @Autowired
  protected Topics topics;
  @Autowired
  protected JsonMapper json;
  @LocalServerPort
  protected int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void trackerProperties(DynamicPropertyRegistry registry) {
    String prefix = "tr" + CONTEXTS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    registry.add("tocsin.topics.alerts", () -> prefix + ".alerts");
    registry.add("tocsin.topics.subscriptions", () -> prefix + ".subscriptions");
    registry.add("tocsin.topics.deliveries", () -> prefix + ".deliveries.{channel}.{lane}");
    registry.add("tocsin.topics.dead-letters", () -> prefix + ".deliveries.{channel}.dead");
    registry.add("tocsin.topics.delivery-status", () -> prefix + ".delivery-status");
    registry.add("tocsin.topics.zones", () -> prefix + ".zones");
    registry.add("tocsin.topics.contacts-gone", () -> prefix + ".contacts-gone");
    registry.add("tocsin.tracker.quarantine-topic", () -> prefix + ".quarantine");
    registry.add("tocsin.tracker.topic-partitions", () -> 3);
    registry.add("tocsin.tracker.checkpoint-interval", () -> "300ms");
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.ISSUER);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> TestIssuer.shared().jwkSetUri());
  }

  @BeforeAll
  static void connect() {
    events = new Events(KafkaBrokers.shared().bootstrapServers());
  }

  @AfterAll
  static void disconnect() {
    events.close();
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  protected HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  protected HttpResponse<String> post(String path, String token, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  protected JsonNode getJson(String path, String token) {
    HttpResponse<String> response = get(path, token);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": " + response.statusCode() + " "
          + response.body());
    }
    return json.readTree(response.body());
  }

  /** GETs until the answer satisfies {@code condition}, for at most {@code within}. */
  protected JsonNode awaitJson(String path, String token, Predicate<JsonNode> condition,
                               Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get(path, token);
      if (response.statusCode() == 200) {
        last = json.readTree(response.body());
        if (condition.test(last)) {
          return last;
        }
      }
      pause(100);
    }
    throw new AssertionError("GET " + path + " did not reach the expected state within "
        + within + "; last: " + last);
  }

  protected static String operator() {
    return TestIssuer.shared().token("olivia", "OPERATOR");
  }

  protected static String admin() {
    return TestIssuer.shared().token("adam", "ADMIN");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
