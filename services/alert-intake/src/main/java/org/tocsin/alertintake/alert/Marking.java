package org.tocsin.alertintake.alert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tocsin.events.v1.AlertStatus;

/**
 * Marks the texts of EXERCISE and TEST alerts in every language, so that an exercise can never
 * look like a real alert. The marking is added by the service to every text; an operator cannot
 * leave it out, and a text that already starts with it is not marked twice.
 */
public final class Marking {

  /** The words for one language. */
  public record Words(String exercise, String test) {
  }

  static final Map<String, Words> BUILT_IN = Map.of(
      "nl", new Words("OEFENING", "TEST"),
      "fr", new Words("EXERCICE", "TEST"),
      "de", new Words("ÜBUNG", "TEST"),
      "en", new Words("EXERCISE", "TEST"));

  private final Map<String, Words> words;

  /** @throws IllegalStateException if a language has no marking words */
  public Marking(Map<String, Words> configured, List<String> languages) {
    Map<String, Words> all = new HashMap<>(BUILT_IN);
    all.putAll(configured);
    for (String language : languages) {
      if (!all.containsKey(language)) {
        throw new IllegalStateException("No EXERCISE/TEST marking words for language '" + language
            + "': set tocsin.alerts.marking." + language + ".exercise and .test");
      }
    }
    this.words = Map.copyOf(all);
  }

  /** The prefix of every text of this status in this language; empty for ACTUAL and SYSTEM. */
  public String prefix(AlertStatus status, String language) {
    Words languageWords = words.getOrDefault(language, BUILT_IN.get("en"));
    return switch (status) {
      case EXERCISE -> "[" + languageWords.exercise() + "] ";
      case TEST -> "[" + languageWords.test() + "] ";
      case ACTUAL, SYSTEM -> "";
    };
  }

  /** The text as sent: marked for EXERCISE and TEST. Null stays null. */
  public String mark(AlertStatus status, String language, String text) {
    if (text == null) {
      return null;
    }
    String prefix = prefix(status, language);
    return prefix.isEmpty() || text.startsWith(prefix) ? text : prefix + text;
  }

  /** The text without this status's marking, as the operator wrote it. */
  public String unmark(AlertStatus status, String language, String text) {
    String prefix = prefix(status, language);
    return !prefix.isEmpty() && text != null && text.startsWith(prefix)
        ? text.substring(prefix.length()) : text;
  }

  public InfoText mark(AlertStatus status, InfoText info) {
    String language = info.language();
    return new InfoText(language, info.senderName(), mark(status, language, info.headline()),
        mark(status, language, info.description()), mark(status, language, info.instruction()),
        mark(status, language, info.smsText()), info.web());
  }
}
