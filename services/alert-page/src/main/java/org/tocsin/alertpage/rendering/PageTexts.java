package org.tocsin.alertpage.rendering;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The labels of the pages in one language, and how instants are written in it. Languages
 * without labels of their own get the English ones (the alert's texts stay in the alert's
 * language).
 */
public final class PageTexts {

  private static final String BUNDLE = "org.tocsin.alertpage.rendering.texts";

  private final String language;
  private final ResourceBundle labels;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter zone;

  public PageTexts(String language, ZoneId timeZone) {
    this.language = language;
    Locale locale = Locale.forLanguageTag(language);
    this.labels = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(locale).withZone(timeZone);
    this.zone = DateTimeFormatter.ofPattern("zzz", locale).withZone(timeZone);
  }

  public String language() {
    return language;
  }

  /** The label; a missing one is a defect of the bundles and fails. */
  public String get(String key) {
    try {
      return labels.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("No page text '" + key + "' for " + language, e);
    }
  }

  /** The label with {@code {0}}, {@code {1}}... replaced by the arguments as they are. */
  public String get(String key, String... arguments) {
    String text = get(key);
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", arguments[i]);
    }
    return text;
  }

  /** An instant as a reader of this language writes it, with the time zone's abbreviation. */
  public String instant(Instant instant) {
    return dateTime.format(instant) + " (" + zone.format(instant) + ")";
  }

  /** A duration in whole days, or in hours below two days. */
  public String duration(Duration duration) {
    long hours = duration.toHours();
    return hours >= 48 ? hours / 24 + " " + get("days") : hours + " " + get("hours");
  }
}
