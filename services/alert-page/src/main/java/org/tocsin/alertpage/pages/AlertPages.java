package org.tocsin.alertpage.pages;

import java.util.List;
import java.util.Map;
import org.tocsin.alertpage.history.AlertState;

/**
 * The pages of one alert, one per language it is written in, and the state they show.
 *
 * @param languages the languages, the alert's first language first
 */
public record AlertPages(String alertId, List<String> languages,
                         Map<String, RenderedPage> pages, AlertState state) {

  public AlertPages {
    languages = List.copyOf(languages);
    pages = Map.copyOf(pages);
  }

  public RenderedPage page(String language) {
    return pages.get(language);
  }
}
