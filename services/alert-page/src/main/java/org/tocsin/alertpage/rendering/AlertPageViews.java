package org.tocsin.alertpage.rendering;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tocsin.alertpage.history.AlertHistory;
import org.tocsin.alertpage.history.AlertState;
import org.tocsin.alertpage.language.LanguageTags;
import org.tocsin.alertpage.map.MapView;
import org.tocsin.dispatcher.alert.AlertMarking;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Info;

/** Builds the views of an alert's page, one per language the alert is written in. */
public final class AlertPageViews {

  private final PageLanguages languages;
  private final String defaultSender;

  /**
   * @param defaultSender who the page names as sender when the alert names none
   */
  public AlertPageViews(PageLanguages languages, String defaultSender) {
    this.languages = languages;
    this.defaultSender = defaultSender;
  }

  /** Every language of every message of the alert, the latest message's first. */
  public static List<String> languagesOf(AlertHistory history) {
    Set<String> tags = new LinkedHashSet<>();
    for (AlertEvent version : history.newestFirst()) {
      for (Info info : version.getInfos()) {
        if (LanguageTags.wellFormed(info.getLanguage())) {
          tags.add(LanguageTags.normalise(info.getLanguage()));
        }
      }
    }
    return List.copyOf(tags);
  }

  /**
   * The page in {@code language}, as it stands at {@code now}.
   *
   * @param map the map of the latest message's area (the same in every language), or null
   */
  public AlertPageView view(AlertHistory history, String language, Instant now, MapView map) {
    PageTexts texts = languages.texts(language);
    AlertEvent latest = history.latest();
    Info info = info(latest, language);
    AlertState state = history.state(now);
    String marking = AlertMarking.of(latest.getStatus(), language);
    List<AlertPageView.VersionView> versions = new ArrayList<>();
    for (AlertEvent version : history.newestFirst()) {
      Info text = info(version, language);
      versions.add(new AlertPageView.VersionView(version.getMsgType().name(),
          texts.get("version." + version.getMsgType().name()),
          texts.instant(version.getSent()), version.getSent().toString(),
          LanguageTags.normalise(text.getLanguage()), text.getHeadline(),
          Paragraph.of(text.getDescription()), Paragraph.of(text.getInstruction()),
          blankToNull(version.getNote()), version == latest));
    }
    String alertId = history.alertId();
    PageFrame frame = languages.frame(language, marked(marking, info.getHeadline()),
        languagesOf(history), tag -> PageLanguages.alertHref(alertId, tag));
    return new AlertPageView(frame, marking,
        marking == null ? null : texts.get("marking." + latest.getStatus().name()),
        sender(info), stateKind(state), stateLine(state, texts),
        LanguageTags.normalise(info.getLanguage()), info.getHeadline(),
        Paragraph.of(info.getDescription()), Paragraph.of(info.getInstruction()),
        webLink(info.getWeb()), latest.getArea().getDescription(), map, versions);
  }

  String sender(Info info) {
    return info.getSenderName() == null || info.getSenderName().isBlank() ? defaultSender
        : info.getSenderName().strip();
  }

  /** The message's text in the language, else in its first language. */
  static Info info(AlertEvent version, String language) {
    List<String> tags = version.getInfos().stream().map(Info::getLanguage).toList();
    String match = LanguageTags.match(language, tags);
    return match == null ? version.getInfos().getFirst()
        : version.getInfos().get(tags.indexOf(match));
  }

  static String stateKind(AlertState state) {
    return switch (state) {
      case AlertState.InForce inForce -> "in-force";
      case AlertState.Upcoming upcoming -> "upcoming";
      case AlertState.Cancelled cancelled -> "cancelled";
      case AlertState.Expired expired -> "expired";
    };
  }

  static String stateLine(AlertState state, PageTexts texts) {
    return switch (state) {
      case AlertState.InForce inForce -> texts.get("state.in-force",
          texts.instant(inForce.expires()));
      case AlertState.Upcoming upcoming -> texts.get("state.upcoming",
          texts.instant(upcoming.effective()), texts.instant(upcoming.expires()));
      case AlertState.Cancelled cancelled -> texts.get("state.cancelled",
          texts.instant(cancelled.at()));
      case AlertState.Expired expired -> texts.get("state.expired", texts.instant(expired.at()));
    };
  }

  /** The headline as a title, with the marking in front unless the headline has it already. */
  static String marked(String marking, String headline) {
    return marking == null || AlertMarking.startsWith(headline, marking) ? headline
        : "[" + marking + "] " + headline;
  }

  /** An operator's link, only if it is an absolute http(s) URL: never a script. */
  static String webLink(String web) {
    if (web == null || web.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(web.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
          ? uri.toASCIIString() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
