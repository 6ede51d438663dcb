package org.tocsin.alertpage.rendering;

import java.time.Duration;
import java.util.List;

/** The pages that say there is no alert page to show, in each of the site's languages. */
public final class ErrorPageViews {

  /** Why there is nothing to show. */
  public enum Reason {
    /** No alert of that id is known (or it ended longer ago than pages are kept). */
    NOT_FOUND,
    /** The service has not read every alert yet. */
    STARTING,
    /** The address is malformed. */
    BAD_REQUEST
  }

  private final PageLanguages languages;
  private final Duration keepEnded;

  public ErrorPageViews(PageLanguages languages, Duration keepEnded) {
    this.languages = languages;
    this.keepEnded = keepEnded;
  }

  public ErrorPageView view(Reason reason, String language) {
    PageTexts texts = languages.texts(language);
    String key = switch (reason) {
      case NOT_FOUND -> "not-found";
      case STARTING -> "starting";
      case BAD_REQUEST -> "bad-request";
    };
    PageFrame frame = languages.frame(language, texts.get(key + ".title"), List.of(),
        PageLanguages::listHref);
    return new ErrorPageView(frame, texts.get(key + ".title"),
        texts.get(key + ".text", texts.duration(keepEnded)));
  }
}
