package org.tocsin.testing.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of RFC 8291 (Message Encryption for Web Push) over RFC 8188
 * ({@code aes128gcm}), as a browser does it, with the JDK's ECDH, HMAC-SHA-256 and AES-GCM:
 * reads the header (salt, record size, the sender's ephemeral public key), derives the content
 * key and nonce from the ECDH secret and the subscription's authentication secret, decrypts the
 * single record and removes its padding.
 */
final class Aes128gcmDecryption {

  private static final int HEADER_FIXED = 16 + 4 + 1;
  private static final int TAG_BYTES = 16;

  private Aes128gcmDecryption() {
  }

  /** The plaintext; an exception whose message says what is wrong otherwise. */
  static byte[] decrypt(byte[] body, FakeSubscription subscription)
      throws GeneralSecurityException {
    if (body.length < HEADER_FIXED) {
      throw new GeneralSecurityException("body shorter than an aes128gcm header");
    }
    ByteBuffer header = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    header.get(salt);
    long recordSize = Integer.toUnsignedLong(header.getInt());
    int keyIdLength = header.get() & 0xff;
    if (keyIdLength != 65 || body.length < HEADER_FIXED + keyIdLength + TAG_BYTES + 1) {
      throw new GeneralSecurityException("the key id is not a 65-byte P-256 public key");
    }
    byte[] senderPublic = new byte[keyIdLength];
    header.get(senderPublic);
    byte[] record = Arrays.copyOfRange(body, header.position(), body.length);
    if (recordSize < 18 || record.length > recordSize) {
      throw new GeneralSecurityException("more than one record, or a record size below 18");
    }
    byte[] receiverPublic = subscription.publicKeyBytes();

    byte[] ecdhSecret = ecdh(subscription.privateKey(), publicKey(senderPublic));
    byte[] prkKey = hmac(subscription.authSecret(), ecdhSecret);
    byte[] keyInfo = concat(ascii("WebPush: info\0"), receiverPublic, senderPublic, new byte[] {1});
    byte[] ikm = hmac(prkKey, keyInfo);
    byte[] prk = hmac(salt, ikm);
    byte[] contentKey = Arrays.copyOf(hmac(prk, concat(ascii("Content-Encoding: aes128gcm\0"),
        new byte[] {1})), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, concat(ascii("Content-Encoding: nonce\0"),
        new byte[] {1})), 12);

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"),
        new GCMParameterSpec(TAG_BYTES * 8, nonce));
    byte[] padded = cipher.doFinal(record);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new GeneralSecurityException("the last record does not end with the delimiter 0x02");
    }
    return Arrays.copyOf(padded, end);
  }

  static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      throw new GeneralSecurityException("not an uncompressed P-256 point");
    }
    ECPoint point = new ECPoint(new java.math.BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
        new java.math.BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(point, FakeKeys.curve()));
  }

  private static byte[] ecdh(ECPrivateKey privateKey, ECPublicKey publicKey)
      throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(privateKey);
    agreement.doPhase(publicKey, true);
    return agreement.generateSecret();
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
