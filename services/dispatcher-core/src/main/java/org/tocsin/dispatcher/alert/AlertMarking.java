package org.tocsin.dispatcher.alert;

import java.util.Locale;
import java.util.Map;
import org.tocsin.events.v1.AlertStatus;

/**
 * The word that marks an exercise or a test in every message a channel renders, so that no one
 * takes it for a real alert even when the text is cut.
 */
public final class AlertMarking {

  private static final Map<String, String> EXERCISE = Map.of(
      "nl", "OEFENING", "fr", "EXERCICE", "de", "ÜBUNG", "en", "EXERCISE");
  private static final String TEST = "TEST";

  private AlertMarking() {
  }

  /** The marking of an alert of this status in this language, or null for a real alert. */
  public static String of(AlertStatus status, String language) {
    return switch (status) {
      case EXERCISE -> EXERCISE.getOrDefault(primaryLanguage(language), EXERCISE.get("en"));
      case TEST -> TEST;
      case ACTUAL, SYSTEM -> null;
    };
  }

  /** Whether the text already opens with the marking (after any brackets or punctuation). */
  public static boolean startsWith(String text, String marking) {
    int start = 0;
    while (start < text.length() && !Character.isLetter(text.charAt(start))) {
      start++;
    }
    return text.regionMatches(true, start, marking, 0, marking.length());
  }

  private static String primaryLanguage(String tag) {
    String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? lower : lower.substring(0, dash);
  }
}
