package org.tocsin.benchmarks.alertintake;

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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The benchmark's own token issuer: a JWK set on a local port and tokens signed with it. */
final class LocalIssuer implements AutoCloseable {

  static final String ISSUER = "https://issuer.benchmark.tocsin";

  private final RSAKey key;
  private final HttpServer server;

  private LocalIssuer(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  static LocalIssuer start() throws JOSEException, IOException {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    server.start();
    return new LocalIssuer(key, server);
  }

  String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
  }

  String token(String user, String role) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench")
          .build(), new JWTClaimsSet.Builder().issuer(ISSUER).subject(user)
          .audience("tocsin-api").claim("preferred_username", user)
          .claim("roles", List.of(role))
          .expirationTime(Date.from(Instant.now().plusSeconds(7200))).build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
