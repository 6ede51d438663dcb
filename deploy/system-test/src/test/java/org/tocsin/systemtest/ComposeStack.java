package org.tocsin.systemtest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Docker stack of {@code docker-compose.yml}, brought up for one test class and taken down
 * with its volumes afterwards.
 *
 * <p>Compose runs through Testcontainers' {@link DockerComposeContainer} with the local
 * {@code docker-compose} program (Compose v1, Debian's package; Debian 12 has no Compose v2 and
 * no image registry is reachable to run Compose in a container). The compose files are those of
 * {@code COMPOSE_FILE}, like {@code docker-compose} itself takes them (default
 * {@code docker-compose.yml}; {@code docker-compose.yml:docker-compose.local-images.yml} with the
 * local stand-in images). Every host port the files publish gets a free port, and the project a
 * random name, so the test never collides with a stack already running on the machine. The
 * services' images are built from their packaged jars ({@code ./mvnw -DskipTests package}).
 *
 * <p>Grafana is left out: the system test does not read dashboards, and the local images have no
 * stand-in for it.
 */
final class ComposeStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ComposeStack.class);

  /** Readiness of a first start on a busy machine (Keycloak's realm import takes minutes). */
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(12);

  private static final List<String> INFRASTRUCTURE =
      List.of("kafka", "postgres", "mailpit", "keycloak", "prometheus", "twilio-fake",
          "push-fake");

  /** Tocsin's services and the module whose jar each image is built from. */
  private static final Map<String, String> SERVICES = orderedMap(
      "alert-intake", "services/alert-intake",
      "subscriptions", "services/subscriptions",
      "dispatcher-sms", "services/dispatcher-sms",
      "dispatcher-email", "services/dispatcher-email",
      "dispatcher-push", "services/dispatcher-push",
      "alert-page", "services/alert-page");

  /** Services the test cannot do without; the others fail only the tests that need them. */
  private static final List<String> REQUIRED = List.of("alert-intake", "subscriptions");

  /** Host port variables of the compose files. */
  private static final List<String> PORT_VARIABLES = List.of(
      "TOCSIN_KAFKA_PORT", "TOCSIN_POSTGRES_PORT", "TOCSIN_SMTP_PORT", "TOCSIN_MAIL_UI_PORT",
      "TOCSIN_KEYCLOAK_PORT", "TOCSIN_PROMETHEUS_PORT", "TOCSIN_GRAFANA_PORT",
      "TOCSIN_ALERT_INTAKE_PORT", "TOCSIN_SUBSCRIPTIONS_PORT", "TOCSIN_DISPATCHER_SMS_PORT",
      "TOCSIN_DISPATCHER_EMAIL_PORT", "TOCSIN_DISPATCHER_PUSH_PORT", "TOCSIN_TWILIO_FAKE_PORT",
      "TOCSIN_PUSH_FAKE_PORT", "TOCSIN_ALERT_PAGE_PORT");

  private final DockerComposeContainer<?> compose;
  private final Map<String, Integer> ports;
  private final List<String> started;
  private final Map<String, String> missing;
  private final Path logDirectory;

  private ComposeStack(DockerComposeContainer<?> compose, Map<String, Integer> ports,
                       List<String> started, Map<String, String> missing, Path logDirectory) {
    this.compose = compose;
    this.ports = ports;
    this.started = started;
    this.missing = missing;
    this.logDirectory = logDirectory;
  }

  /** Builds the images, starts the stack and waits until every container is healthy. */
  static ComposeStack start() {
    Path root = Path.of(System.getProperty("tocsin.repository.root", "../..")).toAbsolutePath()
        .normalize();
    List<File> files = composeFiles(root);
    List<String> services = new ArrayList<>(INFRASTRUCTURE);
    Map<String, String> missing = new LinkedHashMap<>();
    SERVICES.forEach((service, module) -> {
      if (hasExecutableJar(root.resolve(module))) {
        services.add(service);
      } else {
        missing.put(service, "no jar in " + module + "/target (./mvnw -DskipTests package)");
      }
    });
    if (!Files.isDirectory(root.resolve("services/testing/target/twilio-fake-lib"))) {
      for (String fake : List.of("twilio-fake", "push-fake")) {
        missing.put(fake, "services/testing/target/twilio-fake-lib is missing "
            + "(./mvnw -DskipTests package)");
      }
    }
    List<String> missingRequired = Stream.concat(REQUIRED.stream(),
            Stream.of("twilio-fake", "push-fake"))
        .filter(missing::containsKey).toList();
    if (!missingRequired.isEmpty()) {
      throw new IllegalStateException("Cannot build the stack's images: "
          + missingRequired.stream().map(s -> s + ": " + missing.get(s)).toList());
    }

    Map<String, Integer> ports = new LinkedHashMap<>();
    PORT_VARIABLES.forEach(variable -> ports.put(variable, freePort()));
    Map<String, String> environment = new LinkedHashMap<>();
    ports.forEach((variable, port) -> environment.put(variable, Integer.toString(port)));
    // The test's browsers subscribe at the push fake, whose endpoints are plain http.
    environment.put("TOCSIN_PUSH_FAKE_ENDPOINTS", "true");
    environment.put("TOCSIN_PUSH_HOSTS", "fcm.googleapis.com,push.services.mozilla.com,"
        + "notify.windows.com,push.apple.com,push-fake");
    // Messages link to the alert page where the test reaches it.
    environment.put("TOCSIN_ALERT_PAGE_URL",
        "http://localhost:" + ports.get("TOCSIN_ALERT_PAGE_PORT"));

    DockerComposeContainer<?> compose = new DockerComposeContainer<>("tocsin-system-test-", files)
        .withPull(false)
        .withBuild(true)
        .withRemoveVolumes(true)
        .withEnv(environment)
        .withServices(services.toArray(String[]::new))
        .withStartupTimeout(STARTUP_TIMEOUT);
    for (String service : services) {
      compose.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(STARTUP_TIMEOUT));
    }
    log.info("Starting {} from {} with host ports {}", services, files, ports);
    Path logs = Path.of(System.getProperty("tocsin.system-test.logs", "target/stack-logs"));
    ComposeStack stack = new ComposeStack(compose, ports, List.copyOf(services), missing, logs);
    long starting = System.nanoTime();
    try {
      compose.start();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    log.info("Stack built, started and healthy in {} s", seconds(starting));
    return stack;
  }

  /** Whether the service runs in this stack. */
  boolean runs(String service) {
    return started.contains(service);
  }

  /** Why a service of the compose file is not running, or null if it runs. */
  String whyNotRunning(String service) {
    return missing.get(service);
  }

  /** {@code http://localhost:<port>} of a port published on the host. */
  String url(String portVariable) {
    Integer port = ports.get(portVariable);
    if (port == null) {
      throw new IllegalArgumentException("No host port " + portVariable);
    }
    return "http://localhost:" + port;
  }

  /**
   * Keeps every container's log in {@link #logDirectory} (for a failure's diagnosis), then takes
   * the stack down with its volumes.
   */
  @Override
  public void close() {
    try {
      Files.createDirectories(logDirectory);
      for (String service : started) {
        compose.getContainerByServiceName(service).ifPresent(container -> {
          try {
            Files.writeString(logDirectory.resolve(service + ".log"), container.getLogs());
          } catch (IOException | RuntimeException e) {
            log.warn("Could not keep the log of {}: {}", service, e.toString());
          }
        });
      }
    } catch (IOException e) {
      log.warn("Could not keep the containers' logs: {}", e.toString());
    } finally {
      long stopping = System.nanoTime();
      compose.stop();
      log.info("Stack down, volumes removed, in {} s", seconds(stopping));
    }
  }

  private static long seconds(long sinceNanos) {
    return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
  }

  private static List<File> composeFiles(Path root) {
    String names = System.getenv().getOrDefault("COMPOSE_FILE", "docker-compose.yml");
    return Arrays.stream(names.split(File.pathSeparator))
        .filter(name -> !name.isBlank())
        .map(name -> root.resolve(name).toFile())
        .peek(file -> {
          if (!file.isFile()) {
            throw new IllegalStateException("No compose file " + file);
          }
        })
        .toList();
  }

  private static boolean hasExecutableJar(Path module) {
    Path target = module.resolve("target");
    if (!Files.isDirectory(target)) {
      return false;
    }
    try (Stream<Path> jars = Files.list(target)) {
      return jars.anyMatch(jar -> jar.getFileName().toString().endsWith(".jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
