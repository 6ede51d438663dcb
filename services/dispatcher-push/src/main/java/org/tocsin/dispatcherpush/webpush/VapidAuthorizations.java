package org.tocsin.dispatcherpush.webpush;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Authorization: vapid t=..., k=...} header for each push service (RFC 8292): a JWT
 * whose audience is the service's origin, signed with the application server's key. A token
 * names no recipient, so one per origin is made and reused until half of its validity has
 * passed, instead of an ECDSA signature per push.
 */
final class VapidAuthorizations {

  private record Token(String header, Instant renewAt) {
  }

  private final VAPIDKeyPair keys;
  private final String subject;
  private final Duration validity;
  private final Clock clock;
  private final Map<String, Token> byOrigin = new ConcurrentHashMap<>();

  VapidAuthorizations(VAPIDKeyPair keys, String subject, Duration validity, Clock clock) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("A VAPID token is valid for more than 0 and at most 24 "
          + "hours (RFC 8292): " + validity);
    }
    this.keys = keys;
    this.subject = subject;
    this.validity = validity;
    this.clock = clock;
  }

  String headerFor(URI endpoint) {
    String origin = origin(endpoint);
    Instant now = clock.instant();
    Token token = byOrigin.get(origin);
    if (token == null || !now.isBefore(token.renewAt())) {
      token = byOrigin.compute(origin, (key, current) ->
          current != null && now.isBefore(current.renewAt()) ? current : sign(endpoint, now));
    }
    return token.header();
  }

  private Token sign(URI endpoint, Instant now) {
    VAPIDJWTParam param = VAPIDJWTParam.getBuilder()
        .resourceURLString(endpoint.toString())
        .expirationTime(now.plus(validity))
        .subject(subject)
        .build();
    return new Token(keys.generateAuthorizationHeaderValue(param), now.plus(validity.dividedBy(2)));
  }

  private static String origin(URI endpoint) {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    return endpoint.getPort() < 0 ? scheme + "://" + host
        : scheme + "://" + host + ":" + endpoint.getPort();
  }
}
