package org.tocsin.testing.push;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a push service checks of a push before it takes it (RFC 8030, 8291, 8292): a numeric
 * {@code TTL}, a valid {@code Topic} and {@code Urgency}, a VAPID token it accepts, at most
 * {@value PushServiceFake#MAX_BODY_BYTES} bytes, {@code aes128gcm} that decrypts with the
 * subscription's keys.
 */
final class PushRequestCheck {

  private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
  private static final Pattern TTL = Pattern.compile("^[0-9]{1,10}$");

  /** A refusal (status and reason), or the decrypted push and its headers. */
  record Outcome(int status, String refusal, String payload, long ttl, String urgency,
                 String topic, VapidCheck.Result vapid) {

    ReceivedPush push(String subscriptionId, Instant at) {
      return new ReceivedPush(subscriptionId, payload, ttl, urgency, topic, vapid.subject(),
          vapid.expires(), at);
    }
  }

  private PushRequestCheck() {
  }

  static Outcome check(Headers headers, byte[] body, String origin,
                       FakeSubscription subscription, Instant now) {
    String ttl = headers.getFirst("TTL");
    if (ttl == null || !TTL.matcher(ttl).matches()) {
      return refused(400, "TTL header missing or not a number");
    }
    String topic = headers.getFirst("Topic");
    String urgency = headers.getFirst("Urgency") == null ? "normal" : headers.getFirst("Urgency");
    if ((topic != null && !TOPIC.matcher(topic).matches())
        || !List.of("very-low", "low", "normal", "high").contains(urgency)) {
      return refused(400, "invalid Topic or Urgency");
    }
    String authorization = headers.getFirst("Authorization");
    VapidCheck.Result vapid = VapidCheck.check(authorization, origin, subscription, now);
    if (!vapid.valid()) {
      return refused(authorization == null ? 401 : 403, vapid.problem());
    }
    if (body.length > PushServiceFake.MAX_BODY_BYTES) {
      return refused(413, "payload larger than " + PushServiceFake.MAX_BODY_BYTES + " bytes");
    }
    if (!"aes128gcm".equalsIgnoreCase(headers.getFirst("Content-Encoding"))) {
      return refused(400, "Content-Encoding is not aes128gcm");
    }
    try {
      byte[] plaintext = Aes128gcmDecryption.decrypt(body, subscription);
      return new Outcome(201, null, new String(plaintext, StandardCharsets.UTF_8),
          Long.parseLong(ttl), urgency, topic, vapid);
    } catch (GeneralSecurityException e) {
      return refused(400, "cannot decrypt: " + e.getMessage());
    }
  }

  private static Outcome refused(int status, String reason) {
    return new Outcome(status, reason, null, 0, null, null, null);
  }
}
