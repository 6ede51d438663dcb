package org.tocsin.alertpage.pages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tocsin.alertpage.history.AlertHistories;
import org.tocsin.alertpage.history.AlertHistory;
import org.tocsin.alertpage.history.AlertState;
import org.tocsin.alertpage.map.AreaMaps;
import org.tocsin.alertpage.map.MapView;
import org.tocsin.alertpage.rendering.AlertListViews;
import org.tocsin.alertpage.rendering.AlertPageViews;
import org.tocsin.alertpage.rendering.PageLanguages;
import org.tocsin.alertpage.rendering.Templates;
import org.tocsin.events.v1.AlertEvent;

/**
 * Renders pages when something they show changes, so that no request renders anything: an
 * alert's pages (one per language) when a version of it is read, and again when it comes into
 * force or expires; the list with them. A version is kept in the histories only once its
 * pages are rendered, so a version whose pages cannot be rendered fails (and the follower
 * quarantines it) instead of being skipped silently.
 */
public final class Prerenderer {

  private final AlertHistories histories;
  private final AlertPageViews pageViews;
  private final AlertListViews listViews;
  private final AreaMaps maps;
  private final Templates templates;
  private final PageLanguages languages;
  private final PageStore store;
  private final Clock clock;

  public Prerenderer(AlertHistories histories, AlertPageViews pageViews,
                     AlertListViews listViews, AreaMaps maps, Templates templates,
                     PageLanguages languages, PageStore store, Clock clock) {
    this.histories = histories;
    this.pageViews = pageViews;
    this.listViews = listViews;
    this.maps = maps;
    this.templates = templates;
    this.languages = languages;
    this.store = store;
    this.clock = clock;
    renderList(clock.instant());
  }

  /**
   * Renders the pages of the alerts these versions change, then the list.
   *
   * @throws RuntimeException if the pages of an alert cannot be rendered; the alerts before it
   *     in the batch keep their new pages, it and those after it their old ones
   */
  public synchronized void apply(List<AlertEvent> versions) {
    Instant now = clock.instant();
    Map<String, List<AlertEvent>> byAlert = new LinkedHashMap<>();
    for (AlertEvent version : versions) {
      byAlert.computeIfAbsent(version.getAlertId(), id -> new ArrayList<>()).add(version);
    }
    boolean changed = false;
    try {
      for (List<AlertEvent> ofOneAlert : byAlert.values()) {
        AlertHistory history = histories.adding(ofOneAlert, now).orElse(null);
        if (history != null) {
          AlertPages pages = render(history, now);
          histories.keep(history);
          store.put(pages);
          changed = true;
        }
      }
    } finally {
      if (changed) {
        renderList(now);
      }
    }
  }

  /**
   * Brings the pages up to the clock: renders again those whose alert came into force or ended
   * since, and removes those of alerts over for longer than they are kept.
   */
  public synchronized void refresh() {
    Instant now = clock.instant();
    boolean changed = false;
    for (String forgotten : histories.forgetEnded(now)) {
      store.remove(forgotten);
      changed = true;
    }
    for (AlertHistory history : histories.all()) {
      AlertState shown = store.alert(history.alertId()).map(AlertPages::state).orElse(null);
      if (!history.state(now).equals(shown)) {
        store.put(render(history, now));
        changed = true;
      }
    }
    if (changed) {
      renderList(now);
    }
  }

  /** Every alert on the topic when the service started has its pages now. */
  public void caughtUp() {
    store.markComplete();
  }

  private AlertPages render(AlertHistory history, Instant now) {
    AlertEvent latest = history.latest();
    MapView map = maps.draw(latest.getArea(), latest.getPreviousArea());
    AlertState state = history.state(now);
    Instant ended = history.endedAt(now);
    Instant lastModified = ended != null && ended.isAfter(latest.getSent()) ? ended
        : latest.getSent();
    List<String> tags = AlertPageViews.languagesOf(history);
    Map<String, RenderedPage> pages = new HashMap<>();
    for (String language : tags) {
      pages.put(language, RenderedPage.of(
          templates.alertPage(pageViews.view(history, language, now, map)), lastModified));
    }
    return new AlertPages(history.alertId(), tags, pages, state);
  }

  private void renderList(Instant now) {
    Map<String, RenderedPage> pages = new HashMap<>();
    for (String language : languages.siteLanguages()) {
      pages.put(language, RenderedPage.of(
          templates.list(listViews.view(histories.all(), language, now)), now));
    }
    store.putList(pages);
  }
}
