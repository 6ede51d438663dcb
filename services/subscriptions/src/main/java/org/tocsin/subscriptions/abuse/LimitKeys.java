package org.tocsin.subscriptions.abuse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What the rate-limit tables store instead of client addresses and contacts: SHA-256 hashes,
 * or their first 64 bits as a bucket id (a collision would only make two keys share a bucket,
 * and is as likely as one in 2^32 among 2^32 active keys).
 */
final class LimitKeys {

  private LimitKeys() {
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static long bucketId(String key) {
    return ByteBuffer.wrap(hash(key)).getLong();
  }
}
