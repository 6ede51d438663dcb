package org.tocsin.testing.push;

import java.security.interfaces.ECPrivateKey;
import java.util.Base64;

/**
 * A browser's push subscription at the fake push service: its endpoint and the keys a browser
 * gives the application (P-256 public key and 16-byte authentication secret, base64url), and
 * the private key the fake decrypts with.
 *
 * @param applicationServerKey the VAPID public key the subscription was made for (base64url);
 *     null: any key is accepted
 */
public record FakeSubscription(String id, String endpoint, String p256dh, String auth,
                               ECPrivateKey privateKey, String applicationServerKey) {

  byte[] publicKeyBytes() {
    return Base64.getUrlDecoder().decode(p256dh);
  }

  byte[] authSecret() {
    return Base64.getUrlDecoder().decode(auth);
  }

  @Override
  public String toString() {
    return "FakeSubscription[" + id + "]";
  }
}
