package org.tocsin.alertpage.rendering;

import java.util.List;

/**
 * What every page has around its content: its language and direction, its title, and the
 * links to the same page in the other languages.
 */
public record PageFrame(String language, String direction, String title, PageTexts texts,
                        List<LanguageLink> languages) {

  public PageFrame {
    languages = List.copyOf(languages);
  }

  /** The same page in one language; {@code current} for the language shown. */
  public record LanguageLink(String tag, String name, String href, boolean current) {
  }
}
