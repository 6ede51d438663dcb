package org.tocsin.subscriptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's HTTP API as a test client sees it: JSON in, status and JSON out, from a client
 * address of its own (sent as X-Forwarded-For, which the test configuration trusts from the
 * loopback proxy), so that rate limits of one test never touch another.
 */
public final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String clientAddress;
  private String token;

  public Api(int port, String clientAddress) {
    this.baseUrl = "http://127.0.0.1:" + port;
    this.clientAddress = clientAddress;
  }

  /** A client from a random address of the range reserved for network tests (RFC 2544). */
  public static Api fromRandomClient(int port) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new Api(port, "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "."
        + (1 + random.nextInt(254)));
  }

  /** The same client, sending this management token from now on. */
  public Api withToken(String managementToken) {
    Api api = new Api(baseUrl, clientAddress);
    api.token = managementToken;
    return api;
  }

  private Api(String baseUrl, String clientAddress) {
    this.baseUrl = baseUrl;
    this.clientAddress = clientAddress;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public Response postRaw(String path, String contentType, byte[] body) {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Forwarded-For", clientAddress);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
      JsonNode body = response.body().isEmpty() || !json ? JSON.missingNode()
          : JSON.readTree(response.body());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(),
          String.join(",", values)));
      return new Response(response.statusCode(), body, headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String json(Object body) {
    return body instanceof String text ? text : JSON.writeValueAsString(body);
  }

  /** An answer of the API. */
  public record Response(int status, JsonNode body, Map<String, String> headers, String text) {

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }
}
