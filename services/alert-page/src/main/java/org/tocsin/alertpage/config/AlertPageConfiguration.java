package org.tocsin.alertpage.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.tocsin.alertpage.history.AlertHistories;
import org.tocsin.alertpage.map.AreaMaps;
import org.tocsin.alertpage.map.MapBackground;
import org.tocsin.alertpage.pages.PageStore;
import org.tocsin.alertpage.pages.Prerenderer;
import org.tocsin.alertpage.pages.RenderedPage;
import org.tocsin.alertpage.rendering.AlertListViews;
import org.tocsin.alertpage.rendering.AlertPageViews;
import org.tocsin.alertpage.rendering.ErrorPageViews;
import org.tocsin.alertpage.rendering.PageLanguages;
import org.tocsin.alertpage.rendering.Templates;
import org.tocsin.alertpage.web.PageResponses;
import org.tocsin.alertpage.web.SecurityHeadersFilter;

/** The pages: how they are drawn, rendered, kept, refreshed and answered. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AlertPageProperties.class, TopicProperties.class})
class AlertPageConfiguration {

  @Bean
  Clock alertPageClock() {
    return Clock.systemUTC();
  }

  @Bean
  PageLanguages pageLanguages(AlertPageProperties properties) {
    return new PageLanguages(properties.languages(), properties.timeZone());
  }

  @Bean
  Templates templates() {
    return new Templates();
  }

  @Bean
  SecurityHeadersFilter securityHeadersFilter(Templates templates) {
    return new SecurityHeadersFilter(templates.styleHash());
  }

  @Bean
  PageResponses pageResponses(AlertPageProperties properties) {
    AlertPageProperties.Cache cache = properties.cache();
    return new PageResponses(cache.maxAge(), cache.staleWhileRevalidate(), cache.staleIfError(),
        cache.notFoundMaxAge());
  }

  @Bean
  AreaMaps areaMaps(AlertPageProperties properties, ResourceLoader resources) {
    AlertPageProperties.MapSettings map = properties.map();
    MapBackground background = MapBackground.NONE;
    if (map.background() != null && !map.background().isBlank()) {
      try {
        background = MapBackground.read(resources.getResource(map.background())
            .getInputStream());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the map background " + map.background(), e);
      }
    }
    return new AreaMaps(background, map.width(), map.height(), map.circleSegments());
  }

  @Bean
  AlertHistories alertHistories(AlertPageProperties properties) {
    return new AlertHistories(properties.keepEnded());
  }

  @Bean
  AlertPageViews alertPageViews(PageLanguages languages, AlertPageProperties properties) {
    return new AlertPageViews(languages, properties.senderName());
  }

  @Bean
  AlertListViews alertListViews(PageLanguages languages, AlertPageViews pages,
                                AlertPageProperties properties) {
    return new AlertListViews(languages, pages, properties.keepEnded());
  }

  @Bean
  ErrorPageViews errorPageViews(PageLanguages languages, AlertPageProperties properties) {
    return new ErrorPageViews(languages, properties.keepEnded());
  }

  /** The error pages never change: rendered once, in every site language. */
  @Bean
  PageStore pageStore(ErrorPageViews errors, Templates templates, PageLanguages languages,
                      Clock clock) {
    Map<ErrorPageViews.Reason, Map<String, RenderedPage>> pages =
        new EnumMap<>(ErrorPageViews.Reason.class);
    for (ErrorPageViews.Reason reason : ErrorPageViews.Reason.values()) {
      Map<String, RenderedPage> byLanguage = new HashMap<>();
      for (String language : languages.siteLanguages()) {
        byLanguage.put(language, RenderedPage.of(templates.error(errors.view(reason, language)),
            clock.instant()));
      }
      pages.put(reason, byLanguage);
    }
    return new PageStore(pages);
  }

  @Bean
  Prerenderer prerenderer(AlertHistories histories, AlertPageViews pageViews,
                          AlertListViews listViews, AreaMaps maps, Templates templates,
                          PageLanguages languages, PageStore store, Clock clock) {
    return new Prerenderer(histories, pageViews, listViews, maps, templates, languages, store,
        clock);
  }
}
