package org.tocsin.dispatcherpush.webpush;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;

/**
 * The RFC 8030 headers of a push: {@code TTL} from the task's expiry (a push service keeps an
 * undelivered message no longer than the alert is in force), {@code Urgency: high} for the
 * high lane, and a {@code Topic} per alert, so that a push service holding an earlier version
 * for an offline device delivers only the newest.
 */
final class PushHeaders {

  /** Topics are at most 32 characters of the base64url alphabet (RFC 8030 section 5.4). */
  static final int TOPIC_LENGTH = 32;

  private PushHeaders() {
  }

  /** Seconds the push service may keep the message: until the task expires, at most max. */
  static long ttlSeconds(DeliveryTask task, Instant now, Duration max) {
    long seconds = Duration.between(now, task.getExpires()).toSeconds();
    return Math.max(0, Math.min(seconds, max.toSeconds()));
  }

  static String urgency(DeliveryTask task) {
    return task.getLane() == Lane.HIGH ? "high" : "normal";
  }

  /** The alert's topic: a hash of its id, so any id fits; null for a task of no alert. */
  static String topic(DeliveryTask task) {
    if (task.getAlertId() == null) {
      return null;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(task.getAlertId().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
          .substring(0, TOPIC_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
