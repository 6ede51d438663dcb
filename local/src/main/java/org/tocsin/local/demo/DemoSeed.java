package org.tocsin.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tocsin.local.LocalInfrastructure;
import org.tocsin.local.issuer.DemoOperator;
import org.tocsin.local.issuer.DemoOperators;
import org.tocsin.testing.twilio.TwilioFake;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills a fresh local stack with something to warn: a few named zones in alert-intake's
 * catalogue, and synthetic citizens registered and verified through the subscriptions API
 * itself, as real ones are (so the dispatchers learn of them the way they learn of anyone).
 * Runs once per data directory.
 */
public final class DemoSeed {

  private static final String INTAKE = "http://127.0.0.1:8081";
  private static final String SUBSCRIPTIONS = "http://127.0.0.1:8082";
  private static final int CONCURRENT_REGISTRATIONS = 48;
  private static final Duration CODE_WAIT = Duration.ofSeconds(60);

  private final LocalInfrastructure infrastructure;
  private final DemoOperators operators;
  private final TwilioFake twilio;
  private final Path marker;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  public DemoSeed(LocalInfrastructure infrastructure, DemoOperators operators, TwilioFake twilio,
                  Path dataDirectory) {
    this.infrastructure = infrastructure;
    this.operators = operators;
    this.twilio = twilio;
    this.marker = dataDirectory.resolve("demo-seeded");
  }

  /** Seeds {@code subscribers} citizens unless this data directory was seeded before. */
  public void seedOnce(int subscribers) throws Exception {
    if (Files.exists(marker)) {
      System.out.println("Demo data already seeded (" + Files.readString(marker).strip()
          + "); start with --fresh to seed again.");
      return;
    }
    long begin = System.nanoTime();
    List<String> zoneIds = importZones();
    awaitZonesKnownToSubscriptions(zoneIds);
    System.out.printf("Demo: %d zones imported; registering %,d citizens...%n", zoneIds.size(),
        subscribers);

    int registered;
    try (VerificationCodes codes = VerificationCodes.follow(infrastructure.kafkaBootstrapServers())) {
      registered = register(new SyntheticCitizens(zoneIds, 42L), subscribers, codes);
    }
    // Their verification codes go out as SMS too; once they have, the inbox is emptied so that
    // the first alert is what it shows.
    awaitMessages(registered, Duration.ofMinutes(5));
    twilio.reset();
    Files.writeString(marker, registered + " citizens, zones " + String.join(", ", zoneIds) + "\n");
    System.out.printf("""
        Demo: %,d citizens registered and verified in %.0f s (zones: %s).
        Issue an exercise alert over Brussels as the README shows ("Try it"), then watch
        the SMS arrive at %s/
        %n""", registered, (System.nanoTime() - begin) / 1e9, String.join(", ", zoneIds),
        infrastructure.twilioFakeUrl());
  }

  private List<String> importZones() throws IOException, InterruptedException {
    byte[] zones;
    try (InputStream in = DemoSeed.class.getResourceAsStream("/demo/zones.geojson")) {
      zones = in.readAllBytes();
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(INTAKE + "/api/v1/zones?kind=MUNICIPALITY"))
        .header("Authorization", "Bearer " + token("admin"))
        .header("Content-Type", "application/geo+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zones)).build(), ofString());
    expect(response, 200, "importing the demo zones");
    List<String> ids = new ArrayList<>();
    json.readTree(zones).get("features")
        .forEach(feature -> ids.add(feature.get("properties").get("id").asString()));
    return ids;
  }

  private void awaitZonesKnownToSubscriptions(List<String> zoneIds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String id : zoneIds) {
      while (get(SUBSCRIPTIONS + "/api/v1/zones/" + id).statusCode() != 200) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("subscriptions did not learn of zone " + id);
        }
        Thread.sleep(200);
      }
    }
  }

  private int register(SyntheticCitizens citizens, int count, VerificationCodes codes)
      throws Exception {
    AtomicInteger done = new AtomicInteger();
    Semaphore slots = new Semaphore(CONCURRENT_REGISTRATIONS);
    List<Future<?>> pending = new ArrayList<>(count);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        Map<String, Object> citizen = citizens.next();
        slots.acquire();
        pending.add(workers.submit(() -> {
          try {
            registerAndVerify(citizen, codes);
            int finished = done.incrementAndGet();
            if (finished % 1000 == 0) {
              System.out.printf("Demo: %,d of %,d citizens verified%n", finished, count);
            }
            return null;
          } finally {
            slots.release();
          }
        }));
      }
      for (Future<?> registration : pending) {
        registration.get();
      }
    }
    return done.get();
  }

  private void registerAndVerify(Map<String, Object> citizen, VerificationCodes codes)
      throws Exception {
    @SuppressWarnings("unchecked")
    String number = ((List<Map<String, String>>) citizen.get("contacts")).get(0).get("address");
    HttpResponse<String> registered = post(SUBSCRIPTIONS + "/api/v1/subscriptions", citizen);
    expect(registered, 201, "registering a demo citizen");
    String contactId = json.readTree(registered.body()).get("contacts").get(0)
        .get("contactId").asString();
    String code = codes.await(number, CODE_WAIT);
    HttpResponse<String> verified = post(SUBSCRIPTIONS + "/api/v1/verifications",
        Map.of("contactId", contactId, "code", code));
    expect(verified, 200, "verifying a demo citizen");
  }

  private void awaitMessages(int count, Duration timeout) throws InterruptedException {
    try {
      twilio.awaitMessageCount(count, timeout);
    } catch (TimeoutException e) {
      System.out.println("Demo: not every verification SMS was sent yet (" + e.getMessage()
          + "); the inbox is emptied anyway");
    }
  }

  private String token(String operatorName) throws IOException, InterruptedException {
    DemoOperator operator = operators.all().stream()
        .filter(candidate -> candidate.name().equals(operatorName)).findFirst().orElseThrow();
    String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(operator.name(),
        StandardCharsets.UTF_8) + ":" + URLEncoder.encode(operator.secret(),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(infrastructure.issuerUrl() + "/oauth2/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        ofString());
    expect(response, 200, "getting a token for " + operatorName);
    return json.readTree(response.body()).get("access_token").asString();
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), ofString());
  }

  private HttpResponse<String> post(String url, Object body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
        ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new UncheckedIOException(new IOException("Demo seed failed " + what + ": "
          + response.statusCode() + " " + response.body()));
    }
  }
}
