package org.tocsin.alertpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.info;
import static org.tocsin.alertpage.AlertFixtures.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;
import org.tocsin.testing.browser.BrowserPage;
import org.tocsin.testing.browser.Chromium;

/**
 * The pages in real headless Chromium with JavaScript switched off: what a reader sees is
 * there without a script, styled (the style sheet passes the page's own Content-Security-Policy),
 * readable by a screen reader, in another language one link away, and an operator's text stays
 * text whatever markup it holds.
 */
class AlertPageBrowserIT extends AlertPageHarness {

  private static final String HOSTILE = "<script>window.owned=1</script>"
      + "<img src=x onerror=\"window.owned=1\"> Toxic smoke";

  private static Chromium chromium;

  @BeforeAll
  static void browser() {
    chromium = Chromium.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private BrowserPage open(String path) {
    BrowserPage page = chromium.newPage();
    page.send("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    return page.navigate(url(path));
  }

  @Test
  void anExerciseIsMarkedStyledAndReadableWithoutJavaScriptAndItsTextStaysText()
      throws Exception {
    String id = "browser-" + UUID.randomUUID();
    Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    AlertEvent first = alert(id, sent, List.of(
        info("en", HOSTILE, "A warehouse fire.\nThe smoke drifts north.", "Stay indoors."),
        info("fr", "Fumée toxique", "Incendie dans un entrepôt.", "Restez à l'intérieur.")))
        .setStatus(AlertStatus.EXERCISE).build();
    AlertEvent update = next(first, MessageType.UPDATE, sent.plusSeconds(30), List.of(
        info("en", HOSTILE, "The wind turned.", "Keep windows shut."),
        info("fr", "Fumée toxique", "Le vent a tourné.", "Gardez les fenêtres fermées.")))
        .build();
    publish(first, update);
    awaitPage("/alerts/" + id, r -> r.body().contains("Keep windows shut."));

    BrowserPage page = open("/alerts/" + id + "?lang=en");
    try {
      assertThat(page.evaluate("document.documentElement.lang").asText()).isEqualTo("en");
      assertThat(page.evaluate("document.title").asText())
          .isEqualTo("[EXERCISE] " + HOSTILE + " · Public alerts");
      assertThat(page.evaluate("typeof window.owned").asText()).isEqualTo("undefined");
      assertThat(page.evaluate("document.scripts.length").asInt()).isZero();
      assertThat(page.evaluate("document.images.length").asInt()).isZero();
      assertThat(page.evaluate("document.querySelector('h1').textContent").asText())
          .isEqualTo(HOSTILE);

      assertThat(page.evaluate("document.querySelector('.marking').innerText").asText())
          .contains("exercise");
      assertThat(page.evaluate(
          "getComputedStyle(document.querySelector('.marking')).backgroundColor").asText())
          .as("the inline style sheet is allowed by the page's policy").isEqualTo(
              "rgb(255, 212, 0)");
      assertThat(page.evaluate(
          "document.querySelector('.instruction').innerText").asText())
          .contains("What to do", "Keep windows shut.");
      assertThat(page.evaluate("document.querySelectorAll('.versions > li').length").asInt())
          .isEqualTo(2);
      assertThat(page.evaluate(
          "document.querySelector('.versions > li').innerText").asText()).contains("Update");

      JsonNode map = page.send("Accessibility.getFullAXTree", Map.of()).path("nodes");
      assertThat(map.findValuesAsText("value")).anyMatch(name ->
          name.startsWith("Map of the area: Brussels centre"));
      assertThat(page.evaluate("[...document.querySelectorAll('h1,h2,h3')]"
          + ".map(h => h.tagName).join(',')").asText()).startsWith("H1,H2");
      assertThat(page.evaluate("document.documentElement.scrollWidth <= innerWidth")
          .asBoolean()).as("nothing wider than a phone's screen").isTrue();
      Path screenshot = page.screenshot(Path.of("target", "alert-page", "exercise-en.png"));
      assertThat(Files.size(screenshot)).isPositive();

      String french = page.evaluate(
          "document.querySelector('nav.languages a[hreflang=fr]').href").asText();
      page.navigate(french);
      assertThat(page.evaluate("document.documentElement.lang").asText()).isEqualTo("fr");
      assertThat(page.evaluate("document.querySelector('h1').textContent").asText())
          .isEqualTo("Fumée toxique");
      page.screenshot(Path.of("target", "alert-page", "exercise-fr.png"));
    } finally {
      page.close();
    }
  }

  @Test
  void theListLinksToEveryAlertInForceWithoutJavaScript() {
    String id = "browser-" + UUID.randomUUID();
    publish(alert(id, Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of(
        info("en", "Flood warning " + id, "The river rises.", "Move to higher ground.")))
        .build());
    awaitPage("/?lang=en", r -> r.body().contains(id));

    BrowserPage page = open("/?lang=en");
    try {
      String link = page.evaluate("[...document.querySelectorAll('a')].find(a => "
          + "a.textContent.includes('" + id + "')).href").asText();
      page.navigate(link);
      assertThat(page.evaluate("document.querySelector('.instruction').innerText").asText())
          .contains("Move to higher ground.");
      page.screenshot(Path.of("target", "alert-page", "list-link.png"));
    } finally {
      page.close();
    }
  }
}
