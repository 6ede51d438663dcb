package org.tocsin.subscriptions.contact;

import java.net.URI;
import org.tocsin.events.v1.Channel;

/**
 * A browser's Web Push subscription (RFC 8030, keys of RFC 8291).
 *
 * @param endpoint the push service URL of the subscription (https)
 * @param p256dh the browser's P-256 public key, base64url
 * @param auth the authentication secret, base64url
 */
public record PushSubscription(String endpoint, String p256dh, String auth)
    implements ContactAddress {

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public String address() {
    return endpoint;
  }

  @Override
  public String masked() {
    return "https://" + URI.create(endpoint).getHost() + "/…";
  }

  @Override
  public String toString() {
    return "PushSubscription[" + masked() + "]";
  }
}
