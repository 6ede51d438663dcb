package org.tocsin.dispatcherpush.webpush;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which endpoints the dispatcher calls. An endpoint comes from a citizen's browser, so it is a
 * URL anyone can write: only {@code https} URLs of named hosts are called, never an address
 * literal or {@code localhost}, so that no registration can make the dispatcher reach into the
 * network it runs in (subscriptions checks the same, and more, when it registers a contact).
 * Tests against local push services allow {@code http} and loopback hosts.
 */
final class EndpointPolicy {

  private static final Pattern IPV4 = Pattern.compile("^[0-9.]+$");

  private final boolean allowInsecure;

  EndpointPolicy(boolean allowInsecure) {
    this.allowInsecure = allowInsecure;
  }

  /** The endpoint as a URI, or why it is not called. */
  Checked check(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException | NullPointerException e) {
      return new Checked(null, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return new Checked(null, "not a push endpoint URL");
    }
    if (allowInsecure) {
      return scheme.equals("https") || scheme.equals("http") ? new Checked(uri, null)
          : new Checked(null, "neither https nor http");
    }
    if (!scheme.equals("https")) {
      return new Checked(null, "not https");
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("[")
        || IPV4.matcher(host).matches()) {
      return new Checked(null, "an address, not a push service's host name");
    }
    return new Checked(uri, null);
  }

  /** An endpoint that may be called ({@code refusal} null), or the reason it may not. */
  record Checked(URI uri, String refusal) {

    Optional<String> refused() {
      return Optional.ofNullable(refusal);
    }
  }
}
