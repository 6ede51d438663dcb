package org.tocsin.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** One tab of the browser, driven through its own DevTools session. */
public final class BrowserPage {

  private final CdpConnection cdp;
  private final String targetId;
  private final String sessionId;

  BrowserPage(CdpConnection cdp, String targetId, String sessionId) {
    this.cdp = cdp;
    this.targetId = targetId;
    this.sessionId = sessionId;
    send("Page.enable", Map.of());
    send("Runtime.enable", Map.of());
  }

  public String sessionId() {
    return sessionId;
  }

  public String targetId() {
    return targetId;
  }

  /** A command to this page's session ({@code Page.*}, {@code Runtime.*}, ...). */
  public JsonNode send(String method, Map<String, ?> params) {
    return cdp.send(sessionId, method, params);
  }

  /** Loads the URL and waits for its {@code load} event. */
  public BrowserPage navigate(String url) {
    int loadsBefore = loads();
    JsonNode result = send("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IllegalStateException("Cannot open " + url + ": " + result.get("errorText"));
    }
    cdp.awaitEvent("Page.loadEventFired", event -> sessionId.equals(event.sessionId())
        && loads() > loadsBefore, cdp.timeout());
    return this;
  }

  /**
   * Evaluates a JavaScript expression in the page, waiting for it if it is a promise, and
   * returns its value as JSON; a thrown exception fails with its description.
   */
  public JsonNode evaluate(String expression) {
    JsonNode result = send("Runtime.evaluate", Map.of("expression", expression,
        "awaitPromise", true, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("The page threw: " + result.get("exceptionDetails")
          .path("exception").path("description").asText(result.get("exceptionDetails")
              .toString()));
    }
    return result.path("result").path("value");
  }

  /** Evaluates until the expression is truthy, for at most {@code within}. */
  public JsonNode awaitTrue(String expression, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      JsonNode value = evaluate(expression);
      if (value.asBoolean() || (value.isTextual() && !value.asText().isEmpty())
          || value.isObject() || (value.isArray() && !value.isEmpty())) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Still not true after " + within + ": " + expression);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The page as it is drawn now, as a PNG file. */
  public Path screenshot(Path file) {
    String png = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Base64.getDecoder().decode(png));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void close() {
    cdp.send("Target.closeTarget", Map.of("targetId", targetId));
  }

  private int loads() {
    return (int) cdp.events().stream().filter(event -> event.method()
        .equals("Page.loadEventFired") && sessionId.equals(event.sessionId())).count();
  }
}
