package org.tocsin.alertpage.rendering;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.tocsin.alertpage.history.AlertHistory;
import org.tocsin.alertpage.history.AlertState;
import org.tocsin.dispatcher.alert.AlertMarking;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Info;
import org.tocsin.alertpage.language.LanguageTags;

/**
 * Builds the list of alerts in one of the site's languages: those in force or upcoming, the
 * latest message first, then those that ended within {@code keepEnded}, the latest ended first.
 */
public final class AlertListViews {

  private final PageLanguages languages;
  private final AlertPageViews pages;
  private final Duration keepEnded;

  public AlertListViews(PageLanguages languages, AlertPageViews pages, Duration keepEnded) {
    this.languages = languages;
    this.pages = pages;
    this.keepEnded = keepEnded;
  }

  public AlertListView view(Collection<AlertHistory> histories, String language, Instant now) {
    PageTexts texts = languages.texts(language);
    Comparator<AlertHistory> latestFirst = Comparator.comparing(
        (AlertHistory history) -> history.latest().getSent()).reversed();
    List<AlertListView.Item> current = histories.stream()
        .filter(history -> history.state(now).current())
        .sorted(latestFirst)
        .map(history -> item(history, language, now, texts)).toList();
    List<AlertListView.Item> ended = histories.stream()
        .filter(history -> !history.state(now).current())
        .sorted(Comparator.comparing((AlertHistory history) -> history.endedAt(now)).reversed())
        .map(history -> item(history, language, now, texts)).toList();
    PageFrame frame = languages.frame(language, texts.get("list.title"),
        languages.siteLanguages(), PageLanguages::listHref);
    return new AlertListView(frame, current, ended,
        texts.get("list.ended", texts.duration(keepEnded)));
  }

  private AlertListView.Item item(AlertHistory history, String language, Instant now,
                                  PageTexts texts) {
    AlertEvent latest = history.latest();
    Info info = AlertPageViews.info(latest, language);
    AlertState state = history.state(now);
    List<String> available = AlertPageViews.languagesOf(history);
    String pageLanguage = LanguageTags.match(language, available);
    return new AlertListView.Item(
        PageLanguages.alertHref(history.alertId(),
            pageLanguage != null ? pageLanguage : available.getFirst()),
        AlertMarking.of(latest.getStatus(), language), pages.sender(info),
        LanguageTags.normalise(info.getLanguage()), info.getHeadline(),
        latest.getArea().getDescription(), AlertPageViews.stateKind(state),
        AlertPageViews.stateLine(state, texts));
  }
}
