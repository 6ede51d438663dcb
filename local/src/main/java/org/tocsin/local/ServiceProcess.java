package org.tocsin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Tocsin service of the local stack, run as its own JVM from the executable jar its module
 * builds, as in production, with its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(1)).build();

  private final LocalService service;
  private final Process process;
  private final Path log;

  private ServiceProcess(LocalService service, Process process, Path log) {
    this.service = service;
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(LocalService service, Path logs) {
    Path jar = service.jar();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first ("
          + "./mvnw -pl local -am -DskipTests package)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + service.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    service.properties().forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(service.name() + ".log");
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new ServiceProcess(service, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + service.name(), e);
    }
  }

  LocalService service() {
    return service;
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the service reports ready on its readiness probe. */
  void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
    URI readiness = URI.create(service.url() + "/actuator/health/readiness");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(service.name() + " exited with code "
            + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness)
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new TimeoutException(service.name() + " was not ready within " + timeout
        + "; see " + log);
  }

  /** Stops the service gracefully (SIGTERM), forcibly if it takes too long. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
