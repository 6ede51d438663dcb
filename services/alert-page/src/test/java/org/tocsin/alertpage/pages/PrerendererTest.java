package org.tocsin.alertpage.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.info;
import static org.tocsin.alertpage.AlertFixtures.next;
import static org.tocsin.alertpage.AlertFixtures.toxicSmoke;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.alertpage.history.AlertHistories;
import org.tocsin.alertpage.history.AlertState;
import org.tocsin.alertpage.map.AreaMaps;
import org.tocsin.alertpage.map.MapBackground;
import org.tocsin.alertpage.rendering.AlertListViews;
import org.tocsin.alertpage.rendering.AlertPageViews;
import org.tocsin.alertpage.rendering.PageLanguages;
import org.tocsin.alertpage.rendering.Templates;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;

class PrerendererTest {

  private static final Instant SENT = Instant.parse("2026-12-03T13:05:00Z");
  private static final Duration KEEP = Duration.ofHours(72);
  private static final Templates TEMPLATES = new Templates();

  private final MutableClock clock = new MutableClock(SENT);
  private final AlertHistories histories = new AlertHistories(KEEP);
  private final PageStore store = new PageStore(Map.of());
  private final Prerenderer prerenderer = prerenderer();

  private Prerenderer prerenderer() {
    PageLanguages languages = new PageLanguages(List.of("nl", "fr", "de", "en"),
        ZoneId.of("Europe/Brussels"));
    AlertPageViews pages = new AlertPageViews(languages, "Tocsin");
    return new Prerenderer(histories, pages, new AlertListViews(languages, pages, KEEP),
        new AreaMaps(MapBackground.NONE, 640, 480, 72), TEMPLATES, languages, store, clock);
  }

  private static String html(RenderedPage page) {
    return new String(page.body(), StandardCharsets.UTF_8);
  }

  @Test
  void rendersAPagePerLanguageAndTheListWhenAVersionIsRead() {
    prerenderer.apply(List.of(alert("a1", SENT, toxicSmoke()).build()));

    AlertPages pages = store.alert("a1").orElseThrow();
    assertThat(pages.languages()).containsExactly("nl", "fr", "de", "en");
    assertThat(html(pages.page("de"))).contains("Giftiger Rauch");
    assertThat(pages.page("de").lastModified()).isEqualTo(SENT);
    assertThat(html(store.list("en"))).contains("Toxic smoke").contains("/alerts/a1?lang=en");
  }

  @Test
  void anUpdateChangesThePageAndItsTag() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();
    prerenderer.apply(List.of(first));
    String before = store.alert("a1").orElseThrow().page("en").etag();

    clock.set(SENT.plusSeconds(600));
    prerenderer.apply(List.of(next(first, MessageType.UPDATE, SENT.plusSeconds(600),
        List.of(info("en", "Smoke spreading", "Further north.", "Stay indoors."))).build()));

    RenderedPage after = store.alert("a1").orElseThrow().page("en");
    assertThat(after.etag()).isNotEqualTo(before);
    assertThat(html(after)).contains("Smoke spreading").contains("Toxic smoke");
  }

  @Test
  void aVersionWhosePagesCannotBeRenderedIsNotKeptAndFails() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();
    prerenderer.apply(List.of(first));
    AlertEvent broken = next(first, MessageType.UPDATE, SENT.plusSeconds(60), List.<Info>of())
        .build();

    assertThatThrownBy(() -> prerenderer.apply(List.of(broken)))
        .isInstanceOf(RuntimeException.class);
    assertThat(histories.get("a1").orElseThrow().latest()).isEqualTo(first);
    assertThatThrownBy(() -> prerenderer.apply(List.of(broken))).as("fails again when retried")
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void showsAnAlertAsExpiredOnceItIsAndForgetsItWhenItsTimeIsUp() {
    AlertEvent first = alert("a1", SENT, toxicSmoke()).build();
    prerenderer.apply(List.of(first));

    clock.set(first.getExpires());
    prerenderer.refresh();
    assertThat(store.alert("a1").orElseThrow().state())
        .isEqualTo(new AlertState.Expired(first.getExpires()));
    assertThat(html(store.alert("a1").orElseThrow().page("en"))).contains("Ended on");
    assertThat(html(store.list("en"))).contains("Ended in the last 3 days");

    clock.set(first.getExpires().plus(KEEP));
    prerenderer.refresh();
    assertThat(store.alert("a1")).isEmpty();
    assertThat(html(store.list("en"))).doesNotContain("Toxic smoke")
        .contains("No alert is in force.");
  }

  @Test
  void leavesUnchangedPagesAloneOnRefresh() {
    prerenderer.apply(List.of(alert("a1", SENT, toxicSmoke()).build()));
    RenderedPage before = store.alert("a1").orElseThrow().page("nl");
    RenderedPage list = store.list("nl");

    clock.set(SENT.plusSeconds(60));
    prerenderer.refresh();

    assertThat(store.alert("a1").orElseThrow().page("nl")).isSameAs(before);
    assertThat(store.list("nl")).isSameAs(list);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {

    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
