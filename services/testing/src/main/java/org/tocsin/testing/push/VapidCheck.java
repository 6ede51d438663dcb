package org.tocsin.testing.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks an {@code Authorization: vapid t=<JWT>, k=<key>} header as RFC 8292 asks a push
 * service to: an ES256 JWT signed by the key {@code k}, whose audience is this push service's
 * origin, that expires in the future but no more than 24 hours ahead, with a contact
 * ({@code sub}: {@code mailto:} or {@code https:}), and whose key is the one the subscription
 * was made for.
 */
final class VapidCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_VALIDITY = Duration.ofHours(24);

  /** A valid token's claims, or what is wrong with it. */
  record Result(String problem, String subject, Instant expires) {

    boolean valid() {
      return problem == null;
    }
  }

  private VapidCheck() {
  }

  static Result check(String header, String origin, FakeSubscription subscription, Instant now) {
    if (header == null || !header.regionMatches(true, 0, "vapid ", 0, 6)) {
      return problem("no vapid authorization");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String part : header.substring(6).split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parameters.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
      }
    }
    String token = parameters.get("t");
    String key = parameters.get("k");
    if (token == null || key == null) {
      return problem("vapid authorization without t or k");
    }
    if (subscription.applicationServerKey() != null
        && !subscription.applicationServerKey().equals(key)) {
      return problem("k is not the key the subscription was made for");
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return problem("t is not a JWT");
    }
    try {
      JsonNode head = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      if (!"ES256".equals(head.path("alg").asText())) {
        return problem("the JWT is not ES256");
      }
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(Aes128gcmDecryption.publicKey(Base64.getUrlDecoder().decode(key)));
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return problem("the JWT's signature does not verify with k");
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!origin.equals(claims.path("aud").asText())) {
        return problem("aud is " + claims.path("aud").asText() + ", not " + origin);
      }
      if (!claims.path("exp").canConvertToLong()) {
        return problem("no exp");
      }
      Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
      if (!expires.isAfter(now)) {
        return problem("the JWT expired at " + expires);
      }
      if (expires.isAfter(now.plus(MAX_VALIDITY))) {
        return problem("exp is more than 24 hours ahead");
      }
      String subject = claims.path("sub").asText("");
      if (!subject.startsWith("mailto:") && !subject.startsWith("https:")) {
        return problem("sub is neither a mailto: nor an https: URL");
      }
      return new Result(null, subject, expires);
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      return problem("unreadable token or key: " + e.getMessage());
    }
  }

  private static Result problem(String problem) {
    return new Result(problem, null, null);
  }
}
