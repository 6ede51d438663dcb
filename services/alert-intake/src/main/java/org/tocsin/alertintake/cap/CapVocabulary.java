package org.tocsin.alertintake.cap;

import java.util.Locale;

/** CAP 1.2 spells its enumerations in capitals (Actual, CBRNE); Tocsin's enums are upper case. */
final class CapVocabulary {

  static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

  private CapVocabulary() {
  }

  static String toCap(Enum<?> value) {
    String name = value.name();
    if (name.equals("CBRNE")) {
      return name;
    }
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /** The enum constant a CAP value names, or null. */
  static <E extends Enum<E>> E fromCap(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    return null;
  }
}
