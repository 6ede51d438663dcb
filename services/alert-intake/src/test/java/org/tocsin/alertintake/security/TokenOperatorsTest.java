package org.tocsin.alertintake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.operator.Role;

class TokenOperatorsTest {

  @Test
  void thePersonIsTheIssuerAndSubjectAndTheNameIsPreferredUsername() {
    Jwt jwt = jwt(Map.of("iss", "https://issuer.test", "sub", "5f0c",
        "preferred_username", "olivia", "roles", List.of("OPERATOR")));
    assertThat(TokenOperators.person(jwt))
        .isEqualTo(new Person("https://issuer.test", "5f0c", "olivia"));
    assertThat(new TokenOperators("roles").convert(jwt).getName()).isEqualTo("olivia");
  }

  @Test
  void roleNamesMatchExactly() {
    JwtAuthenticationToken token = new TokenOperators("roles").convert(jwt(Map.of(
        "iss", "https://issuer.test", "sub", "5f0c",
        "roles", List.of("operator", "Approver", "APPROVER", " AUDITOR", "offline_access"))));
    assertThat(token.getAuthorities()).extracting(a -> a.getAuthority())
        .containsExactly("ROLE_APPROVER");
  }

  @Test
  void readsKeycloakRealmRolesThroughADottedPath() {
    TokenOperators keycloak = new TokenOperators("realm_access.roles");
    assertThat(keycloak.roles(jwt(Map.of("sub", "x",
        "realm_access", Map.of("roles", List.of("AUDITOR", "default-roles-tocsin"))))))
        .containsExactly(Role.AUDITOR);
    assertThat(keycloak.roles(jwt(Map.of("sub", "x", "roles", List.of("ADMIN"))))).isEmpty();
  }

  @Test
  void acceptsASpaceSeparatedRolesStringAndFallsBackToTheSubjectForTheName() {
    JwtAuthenticationToken token = new TokenOperators("roles").convert(jwt(Map.of(
        "iss", "https://issuer.test", "sub", "service-account-7", "roles", "ADMIN AUDITOR")));
    assertThat(token.getName()).isEqualTo("service-account-7");
    assertThat(token.getAuthorities()).hasSize(2);
  }

  private static Jwt jwt(Map<String, Object> claims) {
    return new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
        claims);
  }
}
