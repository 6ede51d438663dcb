package org.tocsin.dispatchersms.rendering;

import java.util.BitSet;

/**
 * How a text travels as SMS: in the GSM 03.38 7-bit alphabet when every character is in it
 * (160 septets in a single message, 153 per part of a concatenated one; characters of the
 * extension table take two septets and are never split across parts), otherwise in UCS-2 (70
 * UTF-16 units single, 67 per part; a surrogate pair is never split across parts).
 */
public enum SmsEncoding {
  GSM_7(160, 153),
  UCS_2(70, 67);

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  private static final BitSet GSM = new BitSet(0x10000);

  static {
    (BASIC + EXTENSION).chars().forEach(GSM::set);
  }

  private final int singleCapacity;
  private final int partCapacity;

  SmsEncoding(int singleCapacity, int partCapacity) {
    this.singleCapacity = singleCapacity;
    this.partCapacity = partCapacity;
  }

  public static SmsEncoding of(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!GSM.get(text.charAt(i))) {
        return UCS_2;
      }
    }
    return GSM_7;
  }

  /** The number of SMS parts this text takes (0 for an empty text). */
  public static int segments(CharSequence text) {
    return of(text).segmentsOf(text);
  }

  int segmentsOf(CharSequence text) {
    int total = 0;
    for (int i = 0; i < text.length(); ) {
      int units = unitsAt(text, i);
      total += this == GSM_7 ? septets(text.charAt(i)) : units;
      i += units;
    }
    if (total == 0) {
      return 0;
    }
    if (total <= singleCapacity) {
      return 1;
    }
    int parts = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int units = unitsAt(text, i);
      int cost = this == GSM_7 ? septets(text.charAt(i)) : units;
      if (used + cost > partCapacity) {
        parts++;
        used = 0;
      }
      used += cost;
      i += units;
    }
    return parts;
  }

  private static int septets(char c) {
    return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
  }

  /** UTF-16 units of the code point at {@code index}: 2 for a surrogate pair. */
  static int unitsAt(CharSequence text, int index) {
    return Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(index + 1)) ? 2 : 1;
  }
}
