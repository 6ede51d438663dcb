package org.tocsin.alertpage.rendering;

import java.util.List;
import org.tocsin.alertpage.map.MapView;

/**
 * The page of one alert in one language: what it says now (its latest message), where it
 * stands, its area, and every message it was made of, newest first. Every text is the
 * operator's or the system's, unescaped: the template escapes.
 *
 * @param marking the exercise or test marking, null for a real alert
 * @param markingNote the sentence that explains the marking, null for a real alert
 * @param stateKind {@code in-force}, {@code upcoming}, {@code cancelled} or {@code expired}
 * @param contentLanguage the language the alert's texts are in (the page's unless the alert
 *     lacks it)
 * @param web the operator's link to more information, only if it is an http(s) URL
 * @param map the map of the area, null if the area has no geometry
 */
public record AlertPageView(PageFrame frame, String marking, String markingNote, String sender,
                            String stateKind, String stateLine, String contentLanguage,
                            String headline, List<Paragraph> description,
                            List<Paragraph> instruction, String web, String areaDescription,
                            MapView map, List<VersionView> versions) {

  /**
   * One message of the alert.
   *
   * @param kind {@code ALERT}, {@code UPDATE} or {@code CANCEL}
   * @param sentIso the instant it was sent, ISO-8601 (for {@code <time datetime>})
   */
  public record VersionView(String kind, String kindLabel, String sent, String sentIso,
                            String contentLanguage, String headline, List<Paragraph> description,
                            List<Paragraph> instruction, String note, boolean latest) {
  }
}
