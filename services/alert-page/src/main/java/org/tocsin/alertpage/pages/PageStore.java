package org.tocsin.alertpage.pages;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.alertpage.rendering.ErrorPageViews;

/**
 * Every page there is to serve, in memory: a view is a map lookup, never a query. Written by
 * the {@link Prerenderer} only; read by any number of request threads.
 */
public final class PageStore {

  private final Map<String, AlertPages> alerts = new ConcurrentHashMap<>();
  private final Map<ErrorPageViews.Reason, Map<String, RenderedPage>> errors;
  private volatile Map<String, RenderedPage> list = Map.of();
  private volatile boolean complete;

  public PageStore(Map<ErrorPageViews.Reason, Map<String, RenderedPage>> errors) {
    this.errors = Map.copyOf(errors);
  }

  public Optional<AlertPages> alert(String alertId) {
    return Optional.ofNullable(alerts.get(alertId));
  }

  /** The list in a site language (null for another). */
  public RenderedPage list(String language) {
    return list.get(language);
  }

  public RenderedPage error(ErrorPageViews.Reason reason, String language) {
    return errors.get(reason).get(language);
  }

  /**
   * Whether every alert on the topic when the service started has its pages: until then, an
   * alert without pages may just not have been read yet.
   */
  public boolean complete() {
    return complete;
  }

  public int size() {
    return alerts.size();
  }

  void put(AlertPages pages) {
    alerts.put(pages.alertId(), pages);
  }

  void remove(String alertId) {
    alerts.remove(alertId);
  }

  void putList(Map<String, RenderedPage> pages) {
    list = Map.copyOf(pages);
  }

  void markComplete() {
    complete = true;
  }
}
