package org.tocsin.alertpage.rendering;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.tocsin.alertpage.language.LanguageTags;

/**
 * The languages pages are offered in: the site's own (the list and the error pages) and, for
 * an alert's page, the alert's. Holds each language's {@link PageTexts}.
 */
public final class PageLanguages {

  private final List<String> siteLanguages;
  private final ZoneId timeZone;
  private final Map<String, PageTexts> texts = new ConcurrentHashMap<>();

  public PageLanguages(List<String> siteLanguages, ZoneId timeZone) {
    if (siteLanguages.isEmpty()) {
      throw new IllegalArgumentException("The site needs at least one language");
    }
    this.siteLanguages = siteLanguages.stream().map(LanguageTags::normalise).toList();
    this.timeZone = timeZone;
  }

  public List<String> siteLanguages() {
    return siteLanguages;
  }

  public PageTexts texts(String language) {
    return texts.computeIfAbsent(LanguageTags.normalise(language),
        tag -> new PageTexts(tag, timeZone));
  }

  /** The frame of a page in {@code language} that also exists in each of {@code available}. */
  public PageFrame frame(String language, String title, List<String> available,
                         Function<String, String> href) {
    List<PageFrame.LanguageLink> links = new ArrayList<>();
    for (String tag : available) {
      links.add(new PageFrame.LanguageLink(tag, LanguageTags.ownName(tag), href.apply(tag),
          tag.equals(language)));
    }
    return new PageFrame(language, LanguageTags.direction(language), title, texts(language),
        links);
  }

  /** The path of an alert's page in a language. */
  public static String alertHref(String alertId, String language) {
    return "/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8).replace("+", "%20")
        + "?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
  }

  /** The path of the list in a language. */
  public static String listHref(String language) {
    return "/alerts?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
  }
}
