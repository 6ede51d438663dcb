package org.tocsin.deliverytracker.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the OIDC issuer in tests: an RSA key whose public half is served as a JWK set
 * on a local port, and real signed JWTs minted with it. A user's subject is derived from their
 * name unless a test gives one; every token is for the audience alert-intake requires unless a
 * test says otherwise.
 */
public final class TestIssuer {

  public static final String ISSUER = "https://issuer.tocsin.test";
  public static final String AUDIENCE = "tocsin-api";
  private static TestIssuer shared;

  private final RSAKey key;
  private final RSAKey otherKey;
  private final HttpServer server;

  private TestIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-key").generate();
      otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/jwks.json", exchange -> {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, jwks.length);
        exchange.getResponseBody().write(jwks);
        exchange.close();
      });
      server.start();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static synchronized TestIssuer shared() {
    if (shared == null) {
      shared = new TestIssuer();
    }
    return shared;
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
  }

  /** A valid token for this person with these roles in the {@code roles} claim. */
  public String token(String user, String... roles) {
    return sign(key, claims(user, ISSUER, Instant.now().plus(Duration.ofMinutes(10)))
        .claim("roles", List.of(roles)).build());
  }

  /** A valid token for the person with this subject, shown under this name. */
  public String tokenForSubject(String subject, String name, String... roles) {
    return sign(key, claims(name, ISSUER, Instant.now().plus(Duration.ofMinutes(10)))
        .subject(subject).claim("roles", List.of(roles)).build());
  }

  /** A token valid in every respect but its audience: {@code audiences}, or none at all. */
  public String tokenForAudience(List<String> audiences, String user, String... roles) {
    return sign(key, claims(user, ISSUER, Instant.now().plus(Duration.ofMinutes(10)))
        .audience(audiences).claim("roles", List.of(roles)).build());
  }

  /** A token valid in every respect but that it has no subject. */
  public String tokenWithoutSubject(String user, String... roles) {
    return sign(key, claims(user, ISSUER, Instant.now().plus(Duration.ofMinutes(10)))
        .subject(null).claim("roles", List.of(roles)).build());
  }

  /** A valid token with the roles where Keycloak puts realm roles. */
  public String keycloakToken(String user, String... roles) {
    return sign(key, claims(user, ISSUER, Instant.now().plus(Duration.ofMinutes(10)))
        .claim("realm_access", Map.of("roles", List.of(roles))).build());
  }

  public String expiredToken(String user, String... roles) {
    return sign(key, claims(user, ISSUER, Instant.now().minus(Duration.ofMinutes(10)))
        .claim("roles", List.of(roles)).build());
  }

  public String tokenFromOtherIssuer(String user, String... roles) {
    return sign(key, claims(user, "https://elsewhere.test", Instant.now().plusSeconds(600))
        .claim("roles", List.of(roles)).build());
  }

  public String tokenSignedByOtherKey(String user, String... roles) {
    return sign(otherKey, claims(user, ISSUER, Instant.now().plusSeconds(600))
        .claim("roles", List.of(roles)).build());
  }

  private static JWTClaimsSet.Builder claims(String user, String issuer, Instant expires) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString())
        .audience(List.of(AUDIENCE, "account"))
        .claim("preferred_username", user)
        .issueTime(Date.from(expires.minus(Duration.ofMinutes(20))))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
          .keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
