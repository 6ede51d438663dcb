package org.tocsin.subscriptions.subscriber;

/** The management token of an {@code Authorization: Bearer} header. */
final class BearerToken {

  private static final String PREFIX = "Bearer ";

  private BearerToken() {
  }

  static String of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    return authorization.substring(PREFIX.length()).strip();
  }
}
