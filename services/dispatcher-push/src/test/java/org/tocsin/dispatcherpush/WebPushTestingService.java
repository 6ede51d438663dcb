package org.tocsin.dispatcherpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code web-push-testing}, a Web Push service from the npm registry that nobody here wrote: it
 * checks the VAPID signature and key and decrypts {@code aes128gcm}. Installed by {@code npm ci}
 * from this module's {@code src/test/web-push-testing} (a package.json and its lockfile) into
 * {@code target/web-push-testing} on first use, then run with Node on a free port for as long as
 * the test needs it.
 */
public final class WebPushTestingService implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private WebPushTestingService(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A subscription as {@code PushSubscription.toJSON()} gives it, and its client hash. */
  public record Subscription(String endpoint, String p256dh, String auth, String clientHash) {
  }

  public static WebPushTestingService start() {
    Path installed = install();
    int port = freePort();
    try {
      Process process = new ProcessBuilder("node",
          installed.resolve("node_modules/web-push-testing/src/bin/server.js").toString(),
          String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(installed.resolve("server-" + port + ".log").toFile())
          .start();
      WebPushTestingService service = new WebPushTestingService(process, port);
      service.awaitUp();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start web-push-testing", e);
    }
  }

  /** Subscribes a new client for pushes signed with this VAPID public key. */
  public Subscription subscribe(String applicationServerKey) {
    JsonNode data = post("/subscribe", Map.of("userVisibleOnly", "true",
        "applicationServerKey", applicationServerKey)).path("data");
    return new Subscription(data.path("endpoint").asText(), data.path("keys").path("p256dh")
        .asText(), data.path("keys").path("auth").asText(), data.path("clientHash").asText());
  }

  /** The decrypted payloads this client received. */
  public List<String> notifications(Subscription subscription) {
    List<String> messages = new ArrayList<>();
    post("/get-notifications", Map.of("clientHash", subscription.clientHash()))
        .path("data").path("messages").forEach(message -> messages.add(message.asText()));
    return messages;
  }

  /** Makes the subscription expire: pushes to it are then answered 410. */
  public void expire(Subscription subscription) {
    post("/expire-subscription/" + subscription.clientHash(), Map.of());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private JsonNode post(String path, Map<String, String> body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("web-push-testing answered " + response.statusCode()
            + " to " + path + ": " + response.body());
      }
      boolean json = response.headers().firstValue("Content-Type")
          .filter(type -> type.startsWith("application/json")).isPresent();
      return json ? JSON.readTree(response.body()) : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitUp() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/status"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("web-push-testing did not start on port " + port);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** npm ci into the target folder, unless the same lockfile is installed there already. */
  private static synchronized Path install() {
    Path source = Path.of(System.getProperty("tocsin.web-push-testing.package",
        "src/test/web-push-testing"));
    Path target = Path.of(System.getProperty("tocsin.web-push-testing.dir",
        "target/web-push-testing"));
    try {
      Files.createDirectories(target);
      byte[] lock = Files.readAllBytes(source.resolve("package-lock.json"));
      Path installedLock = target.resolve("node_modules/.package-lock.json");
      Path copiedLock = target.resolve("package-lock.json");
      if (Files.exists(installedLock) && Files.exists(copiedLock)
          && java.util.Arrays.equals(Files.readAllBytes(copiedLock), lock)) {
        return target;
      }
      Files.copy(source.resolve("package.json"), target.resolve("package.json"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.write(copiedLock, lock);
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
          .directory(target.toFile()).redirectErrorStream(true)
          .redirectOutput(target.resolve("npm-ci.log").toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci of web-push-testing failed (Node 20+ and npm "
            + "needed): see " + target.resolve("npm-ci.log"));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install web-push-testing", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
