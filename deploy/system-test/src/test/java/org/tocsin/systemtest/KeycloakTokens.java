package org.tocsin.systemtest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens of the demo users of the {@code tocsin} realm, asked for the way the README's
 * command line does: the password grant of the public client {@code tocsin-console}, from outside
 * the compose network.
 */
final class KeycloakTokens {

  private final JsonHttp http;
  private final String keycloakUrl;
  private final String password;

  KeycloakTokens(JsonHttp http, String keycloakUrl) {
    this.http = http;
    this.keycloakUrl = keycloakUrl;
    this.password = System.getenv().getOrDefault("TOCSIN_DEMO_PASSWORD", "tocsin-demo");
  }

  /** The issuer the tokens name: Keycloak's realm as the host sees it. */
  String issuer() {
    return keycloakUrl + "/realms/tocsin";
  }

  String accessToken(String username) {
    JsonHttp.Response response = http.postForm(issuer() + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", "tocsin-console",
            "username", username, "password", password));
    if (response.status() != 200) {
      throw new IllegalStateException("No token for " + username + ": " + response);
    }
    return response.json().path("access_token").asString();
  }

  /** The claims of a JWT, read without checking its signature (alert-intake checks that). */
  static JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.");
    return JsonHttp.JSON.readTree(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }
}
