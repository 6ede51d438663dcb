package org.tocsin.subscriptions.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of a management link: 256 random bits, given to the citizen once and stored only as
 * its SHA-256 hash (a plain hash suffices for a secret that cannot be guessed).
 */
final class ManagementTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ManagementTokens() {
  }

  static String newToken() {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
