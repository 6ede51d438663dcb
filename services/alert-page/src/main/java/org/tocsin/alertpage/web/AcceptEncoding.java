package org.tocsin.alertpage.web;

import java.util.Locale;

/** Whether a request's Accept-Encoding takes gzip (RFC 9110 §12.5.3). */
final class AcceptEncoding {

  private AcceptEncoding() {
  }

  /** True if {@code gzip} (or {@code x-gzip}, or {@code *}) is listed with a weight above 0. */
  static boolean gzip(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    boolean wildcard = false;
    for (String element : header.split(",")) {
      String[] parts = element.split(";");
      String coding = parts[0].strip().toLowerCase(Locale.ROOT);
      boolean accepted = weight(parts) > 0;
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        return accepted;
      }
      if (coding.equals("*")) {
        wildcard = accepted;
      }
    }
    return wildcard;
  }

  private static double weight(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
