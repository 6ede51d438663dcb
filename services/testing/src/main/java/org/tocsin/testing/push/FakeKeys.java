package org.tocsin.testing.push;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Base64;

/** P-256 keys as browsers make them for a push subscription. */
final class FakeKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeKeys() {
  }

  static KeyPair newPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] newAuthSecret() {
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    return secret;
  }

  static ECParameterSpec curve() throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  /** The 65-byte uncompressed form of a public key. */
  static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    copy(key.getW().getAffineX().toByteArray(), out, 1);
    copy(key.getW().getAffineY().toByteArray(), out, 33);
    return out;
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void copy(byte[] bigEndian, byte[] out, int offset) {
    int length = Math.min(32, bigEndian.length);
    System.arraycopy(bigEndian, bigEndian.length - length, out, offset + 32 - length, length);
  }
}
