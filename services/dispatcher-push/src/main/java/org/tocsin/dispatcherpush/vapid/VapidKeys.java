package org.tocsin.dispatcherpush.vapid;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;

/**
 * The application server's VAPID key pair (RFC 8292) on the P-256 curve, written as browsers and
 * the common Web Push tools write it: the public key as the 65-byte uncompressed point and the
 * private key as its 32-byte scalar, both base64url without padding. The public key is what the
 * citizen page gives {@code pushManager.subscribe} as {@code applicationServerKey}.
 */
public final class VapidKeys {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String CURVE = "secp256r1";

  private final ECPublicKey publicKey;
  private final ECPrivateKey privateKey;

  private VapidKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** Reads a key pair; refuses keys that are malformed or do not belong together. */
  public static VapidKeys of(String publicKey, String privateKey) {
    byte[] point = decode(publicKey, "public");
    if (point.length != 65 || point[0] != 0x04) {
      throw new IllegalArgumentException(
          "The VAPID public key must be an uncompressed P-256 point: 65 bytes, base64url");
    }
    byte[] scalar = decode(privateKey, "private");
    if (scalar.length != 32) {
      throw new IllegalArgumentException(
          "The VAPID private key must be a P-256 scalar: 32 bytes, base64url");
    }
    ECPublicKey pub;
    try {
      pub = PublicKeySources.ofUncompressedBytes(point).extract();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The VAPID public key is not a point of P-256", e);
    }
    try {
      ECPrivateKey priv = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
          new ECPrivateKeySpec(new BigInteger(1, scalar), curve()));
      VapidKeys keys = new VapidKeys(pub, priv);
      keys.checkPair();
      return keys;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("The VAPID private key cannot be read", e);
    }
  }

  /** A new random key pair. */
  public static VapidKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      return new VapidKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot make P-256 keys", e);
    }
  }

  /** The public key, base64url: the page's {@code applicationServerKey}. */
  public String publicKey() {
    return PublicKeySources.ofECPublicKey(publicKey).extractStringInUncompressedForm();
  }

  /** The private key's scalar, base64url. A secret: configuration only, never logged. */
  public String privateKey() {
    return BASE64URL.encodeToString(fixedLength(privateKey.getS().toByteArray()));
  }

  /** The key pair as the Web Push library signs its VAPID tokens with. */
  public VAPIDKeyPair toKeyPair() {
    return VAPIDKeyPairs.of(PrivateKeySources.ofECPrivateKey(privateKey),
        PublicKeySources.ofECPublicKey(publicKey));
  }

  @Override
  public String toString() {
    return "VapidKeys[" + publicKey() + "]";
  }

  private void checkPair() throws GeneralSecurityException {
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new IllegalArgumentException("The VAPID public and private keys are not one pair");
    }
  }

  private static ECParameterSpec curve() throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(CURVE));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  private static byte[] decode(String value, String which) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("No VAPID " + which + " key is configured");
    }
    try {
      return Base64.getUrlDecoder().decode(value.strip().replace('+', '-').replace('/', '_')
          .replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The VAPID " + which + " key is not base64url", e);
    }
  }

  /** A big-endian integer as exactly 32 bytes (toByteArray adds a sign byte or drops zeros). */
  private static byte[] fixedLength(byte[] value) {
    byte[] out = new byte[32];
    int copy = Math.min(32, value.length);
    System.arraycopy(value, value.length - copy, out, 32 - copy, copy);
    return out;
  }
}
