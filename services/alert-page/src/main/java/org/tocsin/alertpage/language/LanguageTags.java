package org.tocsin.alertpage.language;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which of the languages an alert is written in suits a reader: the one asked for by the
 * {@code lang} parameter, else the first of the browser's preferences (Accept-Language) that
 * the alert has, else the alert's first language. A language matches its regional variants
 * ({@code nl} serves {@code nl-BE}, and the other way round).
 */
public final class LanguageTags {

  /** A BCP 47 tag as far as this service needs: letters, digits and hyphens, short. */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}");
  private static final List<String> RIGHT_TO_LEFT = List.of("ar", "dv", "fa", "he", "ps", "ur",
      "yi");

  private LanguageTags() {
  }

  public static boolean wellFormed(String tag) {
    return tag != null && WELL_FORMED.matcher(tag).matches();
  }

  /** The tag in lower case ({@code nl-be}), the form pages are kept under. */
  public static String normalise(String tag) {
    return tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
  }

  /** The primary language subtag: {@code nl} of {@code nl-BE}. */
  public static String primary(String tag) {
    String normal = normalise(tag);
    int dash = normal.indexOf('-');
    return dash < 0 ? normal : normal.substring(0, dash);
  }

  /** The available tag that serves {@code wanted}, or null: the same tag, else the same language. */
  public static String match(String wanted, List<String> available) {
    String normal = normalise(wanted);
    for (String tag : available) {
      if (normalise(tag).equals(normal)) {
        return tag;
      }
    }
    String language = primary(normal);
    for (String tag : available) {
      if (primary(tag).equals(language)) {
        return tag;
      }
    }
    return null;
  }

  /**
   * The available tag for the reader: {@code requested} if it is available, else the best of
   * {@code acceptLanguage} (an Accept-Language header; malformed ones are ignored), else the
   * first available.
   */
  public static String choose(String requested, String acceptLanguage, List<String> available) {
    if (requested != null && !requested.isBlank()) {
      String match = match(requested, available);
      if (match != null) {
        return match;
      }
    }
    String preferred = preferred(acceptLanguage, available);
    return preferred != null ? preferred : available.getFirst();
  }

  /** The first of the header's languages, by weight, that is available; null if none. */
  public static String preferred(String acceptLanguage, List<String> available) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
      return null;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
    for (Locale.LanguageRange range : ranges) {
      if (range.getWeight() <= 0 || range.getRange().startsWith("*")) {
        continue;
      }
      String match = match(range.getRange(), available);
      if (match != null) {
        return match;
      }
    }
    return null;
  }

  /** The language's name in itself, capitalised: Nederlands, Français, Deutsch, English. */
  public static String ownName(String tag) {
    Locale locale = Locale.forLanguageTag(tag);
    String name = locale.getDisplayLanguage(locale);
    if (name.isEmpty()) {
      return tag;
    }
    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }

  /** {@code rtl} for languages written from right to left, else {@code ltr}. */
  public static String direction(String tag) {
    return RIGHT_TO_LEFT.contains(primary(tag)) ? "rtl" : "ltr";
  }
}
