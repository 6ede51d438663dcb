package org.tocsin.alertintake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.ControllerMappings;
import org.tocsin.alertintake.support.ControllerMappings.Mapping;
import org.tocsin.alertintake.support.IntegrationTest;

/**
 * Tokens that reach nothing, on every controller mapping: missing, expired, from another
 * issuer or key, for another audience, without a subject, without Tocsin roles or with role
 * names that are not exactly Tocsin's. What each role may do is {@link AuthorizationMatrixIT}.
 */
class AuthorizationIT extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping handlerMapping;

  @Test
  void everyMappingRefusesABadOrMissingTokenWith401() {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("no token", null);
    refused.put("an expired token", ISSUER.expiredToken("olivia", "OPERATOR"));
    refused.put("a token from another issuer", ISSUER.tokenFromOtherIssuer("olivia", "OPERATOR"));
    refused.put("a token signed by another key",
        ISSUER.tokenSignedByOtherKey("olivia", "OPERATOR"));
    refused.put("a token that is not a JWT", "not-a-jwt");
    refused.put("a token for another audience",
        ISSUER.tokenForAudience(List.of("subscriptions-api"), "olivia", "OPERATOR"));
    refused.put("a token without an audience",
        ISSUER.tokenForAudience(null, "olivia", "OPERATOR"));
    refused.put("a token without a subject", ISSUER.tokenWithoutSubject("olivia", "OPERATOR"));
    List<Mapping> mappings = ControllerMappings.of(handlerMapping);
    assertThat(mappings).hasSizeGreaterThan(10);
    refused.forEach((what, token) -> {
      for (Mapping mapping : mappings) {
        Api.Response response = call(mapping, token);
        assertThat(response.status()).as(what + ", " + mapping + ": " + response.body())
            .isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    });
  }

  @Test
  void aTokenWithoutTocsinRolesOrWithRoleNamesInAnotherCaseReachesNothing() {
    for (String token : List.of(ISSUER.token("visitor"),
        ISSUER.token("olivia", "operator", "approver", "Admin", "auditor"))) {
      for (Mapping mapping : ControllerMappings.of(handlerMapping)) {
        assertThat(call(mapping, token).status()).as(mapping.toString()).isEqualTo(403);
      }
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

  private Api.Response call(Mapping mapping, String token) {
    String contentType = mapping.exampleContentType();
    String body = contentType == null ? null : contentType.contains("xml") ? "<alert/>" : "{}";
    return api.send(mapping.method(), mapping.examplePath(), token, contentType, body, Map.of());
  }
}
