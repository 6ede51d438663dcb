package org.tocsin.alertintake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to the running service, as a client would make them. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: status, headers and body. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null, Map.of());
  }

  public Response get(String path, String token, String accept) {
    return send("GET", path, token, null, null, Map.of("Accept", accept));
  }

  public Response post(String path, String token, Object body) {
    return send("POST", path, token, "application/json", body == null ? null : json(body),
        Map.of());
  }

  public Response post(String path, String token, String contentType, String body,
                       Map<String, String> headers) {
    return send("POST", path, token, contentType, body, headers);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, token, null, null, Map.of());
  }

  public Response send(String method, String path, String token, String contentType,
                       String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
