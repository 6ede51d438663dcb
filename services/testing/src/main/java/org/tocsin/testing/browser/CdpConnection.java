package org.tocsin.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The Chrome DevTools Protocol over the JDK's WebSocket client: commands with their answers,
 * events as they come, for the browser and for the sessions of its pages (flat session mode),
 * with no dependency on a protocol version. Every wait has a timeout.
 */
public final class CdpConnection implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its method, parameters and the session it belongs to (null: the browser's). */
  public record Event(String method, JsonNode params, String sessionId) {
  }

  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Duration timeout;

  private CdpConnection(URI endpoint, Duration timeout) {
    this.timeout = timeout;
    try {
      this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(timeout).buildAsync(endpoint, new Listener())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot connect to the DevTools endpoint " + endpoint, e);
    }
  }

  static CdpConnection open(URI endpoint, Duration timeout) {
    return new CdpConnection(endpoint, timeout);
  }

  /** Sends a browser-level command and returns its result. */
  public JsonNode send(String method, Map<String, ?> params) {
    return send(null, method, params);
  }

  /** Sends a command to a page's session and returns its result. */
  public JsonNode send(String sessionId, String method, Map<String, ?> params) {
    long id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.sendText(JSON.writeValueAsString(message), true)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      return response.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " had no answer within " + timeout, e);
    } finally {
      pending.remove(id);
    }
  }

  /** Every event received so far. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** Waits for an event of this method matching {@code wanted} (received before or after). */
  public Event awaitEvent(String method, Predicate<Event> wanted, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (Event event : events) {
        if (event.method().equals(method) && wanted.test(event)) {
          return event;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No " + method + " event within " + within);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {

    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        handle(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(String message) {
      try {
        JsonNode json = JSON.readTree(message);
        if (json.has("id")) {
          CompletableFuture<JsonNode> answer = pending.get(json.get("id").asLong());
          if (answer != null) {
            answer.complete(json);
          }
        } else if (json.has("method")) {
          events.add(new Event(json.get("method").asText(), json.path("params"),
              json.has("sessionId") ? json.get("sessionId").asText() : null));
        }
      } catch (IOException e) {
        // Not a protocol message: nothing waits for it.
      }
    }
  }
}
