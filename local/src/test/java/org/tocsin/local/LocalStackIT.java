package org.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack as a newcomer meets it: the launcher started as its own process (on the
 * stack's fixed ports), every service up, the demo seeded, an exercise alert issued with an
 * operator's token as the README shows, its SMS at the Twilio fake; then a clean stop, and a
 * second start that finds the data of the first.
 */
class LocalStackIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final int DEMO_CITIZENS = 300;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private Process stack;

  @TempDir
  Path data;

  @AfterEach
  void stopStack() throws InterruptedException {
    if (stack != null && stack.isAlive()) {
      stop();
    }
  }

  @Test
  void startsEverythingSeedsTheDemoAndDeliversAnExerciseAlertBySms() throws Exception {
    start("--fresh", "--demo=" + DEMO_CITIZENS);
    awaitLine(line -> line.startsWith("Demo: ") && line.contains("registered and verified"));
    assertThat(output).anyMatch(line -> line.startsWith("Tocsin is running locally"))
        .anyMatch(line -> line.contains("Citizen page") && line.contains(":8082/"))
        .anyMatch(line -> line.contains("SMS inbox") && line.contains(":8099/"))
        .anyMatch(line -> line.contains("Mail inbox") && line.contains("/mail"))
        .anyMatch(line -> line.contains("Public alert pages") && line.contains(":8087/"));
    assertThat(get("http://127.0.0.1:8099/fake/stats").get("accepted").asInt())
        .as("the inbox is emptied of verification codes once the seed is done").isZero();

    String token = token("operator");
    JsonNode draft = send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:8081/api/v1/alerts"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(exerciseOverBrussels())), 201);
    JsonNode issued = send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:8081/api/v1/alerts/" + draft.get("id").asString() + "/issue"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()), 200);
    assertThat(issued.get("state").asString()).isEqualTo("ISSUED");

    JsonNode messages = awaitMessages(body -> body.startsWith("["));
    assertThat(messages).isNotEmpty();
    List<String> recipients = new ArrayList<>();
    for (JsonNode message : messages) {
      recipients.add(message.get("to").asString());
      assertThat(message.get("body").asString()).matches(
          "\\[(OEFENING|EXERCICE|ÜBUNG|EXERCISE)\\] .*");
    }
    assertThat(recipients).as("one SMS per citizen").doesNotHaveDuplicates()
        .hasSizeLessThan(DEMO_CITIZENS);

    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:8087/alerts/" + draft.get("id").asString() + "?lang=en"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the alert's public page").isEqualTo(200);
    assertThat(page.body()).contains("This is a Tocsin exercise.", "class=\"marking\"");

    List<ProcessHandle> services = stop();
    assertThat(services).as("the services").hasSizeGreaterThanOrEqualTo(4)
        .noneMatch(ProcessHandle::isAlive);
    assertThat(List.of(9092, 15432, 3025, 8099, 9000)).as("the infrastructure is down")
        .noneMatch(LocalStackIT::listening);
    assertThat(output).noneMatch(line -> line.startsWith("Could not stop"));

    output.clear();
    String secret = operatorSecrets().getProperty("TOCSIN_OPERATOR_SECRET");
    start("--infrastructure-only");
    awaitLine(line -> line.startsWith("Tocsin is running locally"));
    assertThat(operatorSecrets().getProperty("TOCSIN_OPERATOR_SECRET")).isEqualTo(secret);
    assertThat(Files.readString(data.resolve("demo-seeded")))
        .startsWith(DEMO_CITIZENS + " citizens");
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private void start(String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalStack.class.getName()));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(Path.of("..").toAbsolutePath().normalize().toFile())
        .redirectErrorStream(true);
    builder.environment().put("TOCSIN_LOCAL_DATA", data.toString());
    builder.environment().remove("TWILIO_ACCOUNT_SID");
    builder.environment().remove("SPRING_MAIL_HOST");
    stack = builder.start();
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(line -> output.add(line.strip()));
      } catch (IOException closed) {
        // the stack stopped
      }
    });
  }

  /** Stops the stack as Ctrl-C does; answers the processes it had started. */
  private List<ProcessHandle> stop() throws InterruptedException {
    List<ProcessHandle> started = stack.descendants().toList();
    stack.destroy();
    if (!stack.waitFor(2, TimeUnit.MINUTES)) {
      started.forEach(ProcessHandle::destroyForcibly);
      stack.destroyForcibly();
      throw new AssertionError("The local stack did not stop within two minutes");
    }
    return started;
  }

  private void awaitLine(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        if (output.stream().anyMatch(wanted)) {
          return;
        }
      }
      if (!stack.isAlive()) {
        throw new AssertionError("The local stack exited: " + tail());
      }
      Thread.sleep(500);
    }
    throw new AssertionError("The local stack did not get there within " + START_TIMEOUT
        + ": " + tail());
  }

  private String tail() {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
    }
  }

  private JsonNode awaitMessages(Predicate<String> wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonNode messages = json.createArrayNode();
    int settled = 0;
    while (System.nanoTime() < deadline && settled < 6) {
      JsonNode now = get("http://127.0.0.1:8099/fake/messages").get("messages");
      int matching = 0;
      for (JsonNode message : now) {
        if (wanted.test(message.get("body").asString())) {
          matching++;
        }
      }
      settled = matching > 0 && matching == messages.size() ? settled + 1 : 0;
      messages = now;
      Thread.sleep(500);
    }
    return messages;
  }

  private String token(String operator) throws Exception {
    String secret = operatorSecrets().getProperty(
        "TOCSIN_" + operator.toUpperCase(java.util.Locale.ROOT) + "_SECRET");
    String basic = java.util.Base64.getEncoder().encodeToString(
        (operator + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9000/oauth2/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")), 200)
        .get("access_token").asString();
  }

  private Properties operatorSecrets() throws IOException {
    Properties secrets = new Properties();
    try (var reader = Files.newBufferedReader(data.resolve("operators.env"))) {
      secrets.load(reader);
    }
    return secrets;
  }

  private JsonNode get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), 200);
  }

  private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  private String exerciseOverBrussels() {
    List<Map<String, String>> infos = List.of(
        info("nl", "Oefening", "Dit is een oefening van Tocsin."),
        info("fr", "Exercice", "Ceci est un exercice de Tocsin."),
        info("de", "Übung", "Dies ist eine Übung von Tocsin."),
        info("en", "Exercise", "This is a Tocsin exercise."));
    return json.writeValueAsString(Map.of(
        "status", "EXERCISE", "categories", List.of("SAFETY"), "event", "Exercise",
        "urgency", "IMMEDIATE", "severity", "MINOR", "certainty", "OBSERVED",
        "infos", infos,
        "area", Map.of("description", "Brussels", "zoneIds", List.of("demo-brussels"),
            "polygons", List.of(), "circles", List.of())));
  }

  private static Map<String, String> info(String language, String headline, String sms) {
    return Map.of("language", language, "headline", headline, "description", sms,
        "instruction", "-", "smsText", sms);
  }
}
