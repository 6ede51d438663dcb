package org.tocsin.alertintake.text;

import java.util.Locale;
import java.util.Optional;

/**
 * Characters a text that reaches citizens must not contain, because they are invisible or
 * change how the text around them reads: control characters (but tab, line feed and carriage
 * return), bidirectional embeddings, overrides and isolates (which can make a text display
 * otherwise than it is stored, "Trojan Source"), zero-width and other invisible format
 * characters, line and paragraph separators, lone surrogates and noncharacters. The marks
 * U+200E and U+200F stay allowed: right-to-left languages need them, and they reorder nothing
 * beyond the neutral characters beside them.
 */
public final class UnsafeCharacters {

  private UnsafeCharacters() {
  }

  /** Why the text cannot be sent, naming the first unsafe character and its position; or empty. */
  public static Optional<String> problem(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      String kind = kind(c);
      if (kind != null) {
        return Optional.of(String.format(Locale.ROOT, "contains %s at position %d (%s): %s",
            name(c), text.codePointCount(0, i) + 1, kind, "remove it; it is invisible or "
                + "changes how the text reads"));
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  private static String kind(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return null;
    }
    if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
      return "a bidirectional embedding, override or isolate";
    }
    if (c >= 0x200B && c <= 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x180E) {
      return "a zero-width character";
    }
    if (c == 0x200E || c == 0x200F) {
      return null;
    }
    if (c == 0x2028 || c == 0x2029) {
      return "a line or paragraph separator; use a line feed";
    }
    if (c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE) {
      return "a noncharacter";
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL -> "a control character";
      case Character.FORMAT -> "an invisible format character";
      case Character.SURROGATE -> "half of a character (a lone surrogate)";
      default -> null;
    };
  }

  private static String name(int c) {
    String name = Character.getName(c);
    return String.format(Locale.ROOT, "U+%04X%s", c, name == null ? "" : " " + name);
  }
}
