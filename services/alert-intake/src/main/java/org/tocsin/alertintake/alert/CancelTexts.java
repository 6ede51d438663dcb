package org.tocsin.alertintake.alert;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts of a CANCEL in each language, from templates where {@code {0}} is the headline of
 * the cancelled alert; a reason, if given, is added to the description.
 */
public final class CancelTexts {

  /** Templates for one language. */
  public record Template(String headline, String description, String smsText) {
  }

  static final Map<String, Template> BUILT_IN = Map.of(
      "nl", new Template("INGETROKKEN: {0}", "Het alarm \"{0}\" is ingetrokken.",
          "INGETROKKEN: {0}"),
      "fr", new Template("ANNULÉ : {0}", "L''alerte « {0} » est annulée.", "ANNULÉ : {0}"),
      "de", new Template("AUFGEHOBEN: {0}", "Die Warnung „{0}“ ist aufgehoben.",
          "AUFGEHOBEN: {0}"),
      "en", new Template("CANCELLED: {0}", "The alert \"{0}\" is cancelled.", "CANCELLED: {0}"));

  private final Map<String, Template> templates;

  /** @throws IllegalStateException if a language has no templates */
  public CancelTexts(Map<String, Template> configured, List<String> languages) {
    Map<String, Template> all = new HashMap<>(BUILT_IN);
    all.putAll(configured);
    for (String language : languages) {
      if (!all.containsKey(language)) {
        throw new IllegalStateException("No cancel texts for language '" + language
            + "': set tocsin.alerts.cancel-texts." + language + ".headline, .description and "
            + ".sms-text");
      }
    }
    this.templates = Map.copyOf(all);
  }

  /** The CANCEL's text in the language of {@code cancelled}, unmarked. */
  public InfoText cancelling(InfoText cancelled, String reason, int headlineMax, int smsMax) {
    Template template = templates.get(cancelled.language());
    Locale locale = Locale.forLanguageTag(cancelled.language());
    String headline = cancelled.headline();
    String description = new MessageFormat(template.description(), locale).format(
        new Object[] {headline});
    if (reason != null && !reason.isBlank()) {
      description = description + " " + reason.strip();
    }
    return new InfoText(cancelled.language(), cancelled.senderName(),
        fit(new MessageFormat(template.headline(), locale), headline, headlineMax),
        description, null, fit(new MessageFormat(template.smsText(), locale), headline, smsMax),
        cancelled.web());
  }

  /** The template with the headline shortened (with an ellipsis) until the result fits. */
  private static String fit(MessageFormat template, String headline, int max) {
    String text = template.format(new Object[] {headline});
    int keep = headline.length();
    while (text.length() > max && keep > 1) {
      keep = Math.max(1, keep - (text.length() - max) - 1);
      text = template.format(new Object[] {headline.substring(0, keep) + "…"});
    }
    return text;
  }
}
