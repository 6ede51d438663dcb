package org.tocsin.dispatchersms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** dispatcher-sms as a process of its own, from the packaged executable jar. */
final class DispatcherProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private DispatcherProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the jar on a free port with these arguments; its output goes to target/name.log. */
  static DispatcherProcess start(String name, List<String> arguments) {
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = System.getProperty("tocsin.dispatcher-sms.jar");
    if (jar == null) {
      throw new IllegalStateException("tocsin.dispatcher-sms.jar is not set");
    }
    int port = freePort();
    Path log = Path.of("target", name + ".log");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
        "-jar", jar, "--server.port=" + port,
        "--management.endpoint.health.show-details=always",
        "--management.endpoint.health.show-components=always",
        "--logging.level.org.apache.kafka=WARN"));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new DispatcherProcess(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The readiness group's answer: HTTP status (0 while it does not answer) and body. */
  record Readiness(int status, String body) {
  }

  Readiness readiness() {
    if (!process.isAlive()) {
      throw new AssertionError("The dispatcher exited; its log: " + logText());
    }
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + port + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new Readiness(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Readiness(0, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL: no shutdown hook, nothing flushed, no group left. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
