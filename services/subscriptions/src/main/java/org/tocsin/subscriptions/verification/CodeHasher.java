package org.tocsin.subscriptions.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Makes and checks codes. A code is stored as a salted SHA-256 hash: the database never holds a
 * code that works, and a code only lives minutes and allows a few attempts, so a slow hash would
 * cost the registration surge and buy nothing.
 */
final class CodeHasher {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CodeHasher() {
  }

  static String newCode(int digits) {
    StringBuilder code = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      code.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return code.toString();
  }

  static byte[] newSalt() {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return salt;
  }

  static byte[] hash(byte[] salt, String code) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(code.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Compares in constant time, so that timing tells nothing about the code. */
  static boolean matches(byte[] salt, byte[] expectedHash, String code) {
    return MessageDigest.isEqual(expectedHash, hash(salt, code));
  }
}
