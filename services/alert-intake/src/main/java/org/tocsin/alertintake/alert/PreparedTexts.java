package org.tocsin.alertintake.alert;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts the system prepares: those of a CANCEL (an alert withdrawn, e.g. one issued in
 * error) and of an all-clear (the danger is over), per language, from templates where
 * {@code {0}} is the alert's event and {@code {1}} its area description. Nothing else goes in:
 * both were part of the alert a second person approved, so a prepared text adds no word of one
 * operator's and may go out on that operator's word alone.
 */
public final class PreparedTexts {

  /** Templates for one language. */
  public record Template(String headline, String description, String smsText) {
  }

  /** Which prepared message. */
  enum Kind {
    CANCEL("cancel-texts"),
    ALL_CLEAR("all-clear-texts");

    private final String property;

    Kind(String property) {
      this.property = property;
    }
  }

  static final Map<String, Template> BUILT_IN_CANCEL = Map.of(
      "nl", new Template("INGETROKKEN: {0} – {1}",
          "Het alarm \"{0}\" voor {1} is ingetrokken. U mag het negeren.",
          "INGETROKKEN: {0} – {1}. Negeer het eerdere alarm."),
      "fr", new Template("ANNULÉ : {0} – {1}",
          "L''alerte « {0} » pour {1} est annulée. Vous pouvez l''ignorer.",
          "ANNULÉ : {0} – {1}. Ignorez l''alerte précédente."),
      "de", new Template("ZURÜCKGEZOGEN: {0} – {1}",
          "Die Warnung „{0}“ für {1} wurde zurückgezogen. Sie können sie ignorieren.",
          "ZURÜCKGEZOGEN: {0} – {1}. Ignorieren Sie die frühere Warnung."),
      "en", new Template("CANCELLED: {0} – {1}",
          "The alert \"{0}\" for {1} is withdrawn. You may disregard it.",
          "CANCELLED: {0} – {1}. Disregard the earlier alert."));

  static final Map<String, Template> BUILT_IN_ALL_CLEAR = Map.of(
      "nl", new Template("EINDE ALARM: {0} – {1}",
          "Het gevaar \"{0}\" voor {1} is voorbij. Het alarm is opgeheven.",
          "EINDE ALARM: {0} – {1}. Het gevaar is voorbij."),
      "fr", new Template("FIN D''ALERTE : {0} – {1}",
          "Le danger « {0} » pour {1} est passé. L''alerte est levée.",
          "FIN D''ALERTE : {0} – {1}. Le danger est passé."),
      "de", new Template("ENTWARNUNG: {0} – {1}",
          "Die Gefahr „{0}“ für {1} ist vorüber. Die Warnung ist aufgehoben.",
          "ENTWARNUNG: {0} – {1}. Die Gefahr ist vorüber."),
      "en", new Template("ALL CLEAR: {0} – {1}",
          "The danger \"{0}\" for {1} is over. The alert is lifted.",
          "ALL CLEAR: {0} – {1}. The danger is over."));

  private final Map<Kind, Map<String, Template>> templates;

  /** @throws IllegalStateException if a language has no templates or a template is invalid */
  public PreparedTexts(Map<String, Template> cancel, Map<String, Template> allClear,
                       List<String> languages) {
    this.templates = Map.of(
        Kind.CANCEL, merged(Kind.CANCEL, BUILT_IN_CANCEL, cancel, languages),
        Kind.ALL_CLEAR, merged(Kind.ALL_CLEAR, BUILT_IN_ALL_CLEAR, allClear, languages));
  }

  /**
   * The prepared text in the language of {@code earlier} (unmarked), keeping its sender name and
   * link, with the headline and SMS text shortened to fit: the area description first, then
   * the event, each with an ellipsis.
   */
  InfoText text(Kind kind, InfoText earlier, String event, String area, int headlineMax,
                int smsMax) {
    Template template = templates.get(kind).get(earlier.language());
    Locale locale = Locale.forLanguageTag(earlier.language());
    return new InfoText(earlier.language(), earlier.senderName(),
        fit(new MessageFormat(template.headline(), locale), event, area, headlineMax),
        new MessageFormat(template.description(), locale).format(new Object[] {event, area}),
        null, fit(new MessageFormat(template.smsText(), locale), event, area, smsMax),
        earlier.web());
  }

  private static Map<String, Template> merged(Kind kind, Map<String, Template> builtIn,
                                              Map<String, Template> configured,
                                              List<String> languages) {
    Map<String, Template> all = new HashMap<>(builtIn);
    all.putAll(configured);
    for (String language : languages) {
      Template template = all.get(language);
      if (template == null || template.headline() == null || template.description() == null
          || template.smsText() == null) {
        throw new IllegalStateException("No " + kind.property + " for language '" + language
            + "': set tocsin.alerts." + kind.property + "." + language
            + ".headline, .description and .sms-text");
      }
    }
    return Map.copyOf(all);
  }

  /** The template with the area, then the event, shortened until the result fits. */
  private static String fit(MessageFormat template, String event, String area, int max) {
    String shortArea = area;
    String shortEvent = event;
    String text = template.format(new Object[] {shortEvent, shortArea});
    while (text.length() > max) {
      int over = text.length() - max;
      if (shortArea.length() > 2) {
        shortArea = shortened(shortArea, over);
      } else if (shortEvent.length() > 2) {
        shortEvent = shortened(shortEvent, over);
      } else {
        return text.substring(0, max);
      }
      text = template.format(new Object[] {shortEvent, shortArea});
    }
    return text;
  }

  /** The text less {@code over} characters, ending with an ellipsis, at least one kept. */
  private static String shortened(String text, int over) {
    String whole = text.endsWith("…") ? text.substring(0, text.length() - 1) : text;
    int keep = Math.max(1, whole.length() - over - 1);
    return whole.substring(0, keep) + "…";
  }
}
