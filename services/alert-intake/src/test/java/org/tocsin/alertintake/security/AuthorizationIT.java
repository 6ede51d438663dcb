package org.tocsin.alertintake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.IntegrationTest;

/**
 * Every endpoint against every role, no token, and tokens that must be refused. An allowed call
 * gets past security (its answer is then about the request: 200, 404, 422...); a refused one
 * gets 403 or 401, as a problem detail.
 */
class AuthorizationIT extends IntegrationTest {

  private static final String ALERT = "/api/v1/alerts/" + UUID.randomUUID();

  /** An endpoint and the roles allowed to call it. */
  record Endpoint(String method, String path, String contentType, String body,
                  Set<String> allowed) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Endpoint> endpoints() {
    Set<String> readers = Set.of("OPERATOR", "APPROVER", "AUDITOR");
    return List.of(
        new Endpoint("POST", "/api/v1/alerts", "application/json", "{}", Set.of("OPERATOR")),
        new Endpoint("POST", "/api/v1/alerts", "application/cap+xml", "<alert/>",
            Set.of("OPERATOR")),
        new Endpoint("GET", "/api/v1/alerts", null, null, readers),
        new Endpoint("GET", ALERT, null, null, readers),
        new Endpoint("GET", ALERT + "/cap", null, null, readers),
        new Endpoint("POST", ALERT + "/issue", null, null, Set.of("OPERATOR")),
        new Endpoint("POST", ALERT + "/approve", null, null, Set.of("APPROVER")),
        new Endpoint("POST", ALERT + "/reject", null, null, Set.of("APPROVER")),
        new Endpoint("POST", ALERT + "/update", "application/json", "{}",
            Set.of("OPERATOR", "APPROVER")),
        new Endpoint("POST", ALERT + "/cancel", null, null, Set.of("OPERATOR", "APPROVER")),
        new Endpoint("GET", ALERT + "/audit", null, null, Set.of("AUDITOR", "APPROVER")),
        new Endpoint("GET", "/api/v1/zones", null, null,
            Set.of("OPERATOR", "APPROVER", "AUDITOR", "ADMIN")),
        new Endpoint("GET", "/api/v1/zones/NOWHERE", null, null,
            Set.of("OPERATOR", "APPROVER", "AUDITOR", "ADMIN")),
        new Endpoint("POST", "/api/v1/zones", "application/json", "{}", Set.of("ADMIN")),
        new Endpoint("DELETE", "/api/v1/zones/NOWHERE", null, null, Set.of("ADMIN")));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (String role : List.of("OPERATOR", "APPROVER", "AUDITOR", "ADMIN")) {
        cases.add(Arguments.of(endpoint, role));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void eachRoleReachesExactlyTheEndpointsItIsAllowed(Endpoint endpoint, String role) {
    Api.Response response = call(endpoint, ISSUER.token("user-" + role.toLowerCase(), role));
    if (endpoint.allowed().contains(role)) {
      assertThat(response.status()).as(response.body()).isNotIn(401, 403);
    } else {
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  static Stream<Arguments> refusedTokens() {
    return Stream.of(
        Arguments.of("no token", null),
        Arguments.of("an expired token", ISSUER.expiredToken("olivia", "OPERATOR")),
        Arguments.of("a token from another issuer",
            ISSUER.tokenFromOtherIssuer("olivia", "OPERATOR")),
        Arguments.of("a token signed by another key",
            ISSUER.tokenSignedByOtherKey("olivia", "OPERATOR")),
        Arguments.of("a token that is not a JWT", "not-a-jwt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void everyEndpointRefusesABadOrMissingTokenWith401(String what, String token) {
    for (Endpoint endpoint : endpoints()) {
      Api.Response response = call(endpoint, token);
      assertThat(response.status()).as(endpoint + ": " + response.body()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  @Test
  void aTokenWithoutTocsinRolesReachesNothing() {
    String noRoles = ISSUER.token("visitor");
    for (Endpoint endpoint : endpoints()) {
      assertThat(call(endpoint, noRoles).status()).as(endpoint.toString()).isEqualTo(403);
    }
  }

  @Test
  void healthMetricsAndTheApiDocumentAreOpen() {
    assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    Api.Response metrics = api.get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("tocsin_outbox_pending");
    Api.Response docs = api.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("paths").has("/api/v1/alerts/{id}/approve")).isTrue();
    assertThat(docs.json().path("paths").has("/api/v1/zones")).isTrue();
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/env", null).status()).isIn(401, 404);
  }

  private Api.Response call(Endpoint endpoint, String token) {
    return api.send(endpoint.method(), endpoint.path(), token, endpoint.contentType(),
        endpoint.body(), Map.of());
  }
}
