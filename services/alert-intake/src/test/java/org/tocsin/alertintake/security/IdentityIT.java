package org.tocsin.alertintake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * An operator is the issuer and subject of their token, compared exactly;
 * {@code preferred_username} is only shown. A token is accepted only for the configured
 * audience.
 */
class IdentityIT extends IntegrationTest {

  @Test
  void theDrafterUnderANewNameIsStillTheDrafterAndANamesakeIsAnotherPerson() {
    String drafter = ISSUER.tokenForSubject("s-olga-1", "olga", "OPERATOR");
    String id = api.post("/api/v1/alerts", drafter, Fixtures.alert("ACTUAL")).json().path("id")
        .asString();
    String hash = api.post("/api/v1/alerts/" + id + "/issue", drafter, null).json()
        .path("pendingApproval").path("contentHash").asString();

    Api.Response renamed = api.post("/api/v1/alerts/" + id + "/approve",
        ISSUER.tokenForSubject("s-olga-1", "olga.peeters", "APPROVER"),
        Map.of("contentHash", hash));
    assertThat(renamed.status()).as("same subject, new name").isEqualTo(403);
    assertThat(renamed.json().path("detail").asString()).startsWith("Four eyes");

    Api.Response namesake = api.post("/api/v1/alerts/" + id + "/approve",
        ISSUER.tokenForSubject("s-olga-2", "olga", "APPROVER"), Map.of("contentHash", hash));
    assertThat(namesake.status()).as("another person called olga").isEqualTo(200);

    JsonNode audit = api.get("/api/v1/alerts/" + id + "/audit", auditor()).json();
    assertThat(audit.findValuesAsString("actor")).containsExactly("olga", "olga", "olga");
    assertThat(audit.findValuesAsString("actorSubject"))
        .containsExactly("s-olga-1", "s-olga-1", "s-olga-2");
    assertThat(audit.findValuesAsString("actorIssuer")).containsOnly(
        "https://issuer.tocsin.test");
  }

  @Test
  void anIdempotencyKeyBelongsToThePersonNotToTheName() {
    Map<String, String> key = Map.of("Idempotency-Key", "identity-" + System.nanoTime());
    String body = Api.json(Fixtures.alert("EXERCISE"));
    Api.Response first = api.post("/api/v1/alerts",
        ISSUER.tokenForSubject("s-jan-1", "jan", "OPERATOR"), "application/json", body, key);
    Api.Response namesake = api.post("/api/v1/alerts",
        ISSUER.tokenForSubject("s-jan-2", "jan", "OPERATOR"), "application/json", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(namesake.status()).isEqualTo(201);
    assertThat(namesake.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(namesake.json().path("id")).isNotEqualTo(first.json().path("id"));
  }

  @Test
  void aTokenIsAcceptedOnlyIfItsAudienceContainsTocsin() {
    assertThat(api.get("/api/v1/alerts?size=1", ISSUER.tokenForAudience(List.of("tocsin-api"),
        "olivia", "OPERATOR")).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/alerts?size=1", ISSUER.tokenForAudience(
        List.of("account", "tocsin-api"), "olivia", "OPERATOR")).status()).isEqualTo(200);
    Api.Response other = api.get("/api/v1/alerts?size=1", ISSUER.tokenForAudience(
        List.of("subscriptions-api"), "olivia", "OPERATOR"));
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.json().path("detail").asString()).contains("aud");
    assertThat(api.get("/api/v1/alerts?size=1", ISSUER.tokenForAudience(null, "olivia",
        "OPERATOR")).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/alerts?size=1", ISSUER.tokenForAudience(
        List.of("TOCSIN-API"), "olivia", "OPERATOR")).status()).as("compared exactly")
        .isEqualTo(401);
  }
}
