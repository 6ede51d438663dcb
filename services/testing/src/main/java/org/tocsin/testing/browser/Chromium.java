package org.tocsin.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium for tests, driven over the DevTools Protocol ({@link CdpConnection})
 * without a driver or a protocol-version binding: a fresh profile for each browser, the flags
 * that keep it from reaching the network by itself, and pages ({@link BrowserPage}) to open,
 * evaluate JavaScript in and take screenshots of. Installed with apt-get when missing and
 * running as root; otherwise it fails and says how to install it.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.start()) {
 *   BrowserPage page = chromium.newPage().navigate("http://127.0.0.1:8082/");
 *   page.evaluate("document.title");
 *   page.screenshot(Path.of("target", "page.png"));
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final CdpConnection cdp;

  private Chromium(Process process, Path profile, CdpConnection cdp) {
    this.process = process;
    this.profile = profile;
    this.cdp = cdp;
  }

  /** A fresh headless browser with a phone-sized window, English, and an empty profile. */
  public static Chromium start() {
    ensureInstalled();
    Path profile;
    try {
      profile = Files.createTempDirectory("tocsin-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(BROWSER.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile,
        "--remote-debugging-port=0", "--window-size=412,915", "--lang=en", "about:blank"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(profile.resolve("chromium.log").toFile()).start();
      URI endpoint = devToolsEndpoint(profile, process);
      return new Chromium(process, profile, CdpConnection.open(endpoint, COMMAND_TIMEOUT));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + BROWSER, e);
    }
  }

  /** The browser-level DevTools connection (Browser.*, Target.*, ServiceWorker.* ...). */
  public CdpConnection cdp() {
    return cdp;
  }

  /** A new tab, attached to its own DevTools session. */
  public BrowserPage newPage() {
    String targetId = cdp.send("Target.createTarget", Map.of("url", "about:blank"))
        .path("targetId").asText();
    String sessionId = cdp.send("Target.attachToTarget", Map.of("targetId", targetId,
        "flatten", true)).path("sessionId").asText();
    return new BrowserPage(cdp, targetId, sessionId);
  }

  /** Grants these permissions (e.g. {@code notifications}) to the origin, with no prompt. */
  public void grantPermissions(String origin, String... permissions) {
    cdp.send("Browser.grantPermissions", Map.of("origin", origin,
        "permissions", List.of(permissions)));
  }

  @Override
  public void close() {
    try {
      cdp.send("Browser.close", Map.of());
    } catch (RuntimeException e) {
      // Killed below in any case.
    }
    cdp.close();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(profile)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }

  /** Chromium writes its DevTools port and browser path into the profile once it listens. */
  private static URI devToolsEndpoint(Path profile, Process process) throws IOException {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() >= 2) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Chromium exited: "
            + Files.readString(profile.resolve("chromium.log")));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("Chromium did not open its DevTools port within "
        + START_TIMEOUT);
  }

  /** Installs Debian's chromium with apt-get when it is missing and this runs as root. */
  public static synchronized void ensureInstalled() {
    if (Files.isExecutable(BROWSER)) {
      return;
    }
    if (!runningAsRoot()) {
      throw new IllegalStateException("The browser tests need Debian's Chromium (" + BROWSER
          + "). Install it with: sudo apt-get install -y chromium");
    }
    List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends",
        "chromium");
    if (run(install) != 0) {
      run(List.of("apt-get", "update"));
      run(install);
    }
    if (!Files.isExecutable(BROWSER)) {
      throw new IllegalStateException("apt-get could not install chromium");
    }
  }

  private static boolean runningAsRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return id.waitFor() == 0 && uid.strip().equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
