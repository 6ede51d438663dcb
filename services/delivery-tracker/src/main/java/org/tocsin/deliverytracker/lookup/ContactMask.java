package org.tocsin.deliverytracker.lookup;

/**
 * How a contact is shown to support and kept in the audit: enough to tell two apart on the
 * phone with the citizen, never enough to write to them.
 */
final class ContactMask {

  private ContactMask() {
  }

  static String mask(String contact) {
    String value = contact.strip();
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "***" + value.substring(at);
    }
    if (value.startsWith("https://") || value.startsWith("http://")) {
      int host = value.indexOf("://") + 3;
      int slash = value.indexOf('/', host);
      return value.substring(0, slash < 0 ? value.length() : slash) + "/***";
    }
    if (value.length() <= 5) {
      return "***";
    }
    return value.substring(0, 3) + "*".repeat(value.length() - 5)
        + value.substring(value.length() - 2);
  }
}
