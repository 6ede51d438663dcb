package org.tocsin.alertpage.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the public alert pages ({@code tocsin.alert-page.*}, or environment variables
 * such as {@code TOCSIN_ALERT_PAGE_KEEP_ENDED}).
 *
 * @param languages the languages of the list and error pages, the first one for readers whose
 *     browser asks for none of them (default {@code nl,fr,de,en}); an alert's page is in the
 *     alert's languages
 * @param senderName the sender a page names when the alert names none (default {@code Tocsin})
 * @param timeZone the time zone of every time a page shows (default {@code Europe/Brussels})
 * @param keepEnded how long an alert's page keeps answering, with its state, after the alert
 *     was cancelled or expired (default 72h). A restarted instance reads the pages back from
 *     the alerts topic, so this plus the longest alert lifetime (alert-intake's 72h) must stay
 *     within that topic's retention (Kafka's default, 7 days)
 * @param stateCheckInterval how often pages are checked against the clock, to show an alert
 *     as expired once it is (default 1s)
 * @param cache what caches in front are told
 * @param map how areas are drawn
 */
@Validated
@ConfigurationProperties("tocsin.alert-page")
public record AlertPageProperties(
    @DefaultValue({"nl", "fr", "de", "en"}) @NotEmpty List<@NotBlank String> languages,
    @DefaultValue("Tocsin") @NotBlank String senderName,
    @DefaultValue("Europe/Brussels") @NotNull ZoneId timeZone,
    @DefaultValue("72h") @NotNull Duration keepEnded,
    @DefaultValue("1s") @NotNull Duration stateCheckInterval,
    @Valid @DefaultValue Cache cache,
    @Valid @DefaultValue MapSettings map) {

  /**
   * @param maxAge how long a cache may serve a page without asking again (default 30s): also
   *     the longest a reader behind a cache waits to see an update or a cancel
   * @param staleWhileRevalidate how long after that a cache may still serve it while it asks
   *     (default 30s)
   * @param staleIfError how long a cache may serve it when this service cannot answer
   *     (default 1d)
   * @param notFoundMaxAge how long a cache may keep the answer that an alert is unknown
   *     (default 5s: the alert may be read a moment later)
   */
  public record Cache(
      @DefaultValue("30s") @NotNull Duration maxAge,
      @DefaultValue("30s") @NotNull Duration staleWhileRevalidate,
      @DefaultValue("1d") @NotNull Duration staleIfError,
      @DefaultValue("5s") @NotNull Duration notFoundMaxAge) {
  }

  /**
   * @param background a GeoJSON FeatureCollection of the regions drawn behind every area, named
   *     by their {@code name_<language>} properties (default: Belgium's provinces; empty: none)
   * @param width the widest a map is drawn, in SVG units (default 640)
   * @param height the highest (default 480)
   * @param circleSegments points of a circle's outline (default 72)
   */
  public record MapSettings(
      @DefaultValue("classpath:map/belgium-provinces.geojson") String background,
      @DefaultValue("640") @Min(100) @Max(4000) int width,
      @DefaultValue("480") @Min(100) @Max(4000) int height,
      @DefaultValue("72") @Min(8) @Max(720) int circleSegments) {
  }
}
