package org.tocsin.alertpage.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.alertpage.AlertFixtures.alert;
import static org.tocsin.alertpage.AlertFixtures.info;
import static org.tocsin.alertpage.AlertFixtures.next;
import static org.tocsin.alertpage.AlertFixtures.toxicSmoke;

import org.tocsin.alertpage.AlertFixtures;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.alertpage.history.AlertHistory;
import org.tocsin.alertpage.map.AreaMaps;
import org.tocsin.alertpage.map.MapBackground;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;

class AlertPageRenderingTest {

  private static final Instant SENT = Instant.parse("2026-12-03T13:05:00Z");
  private static final Templates TEMPLATES = new Templates();
  private static final PageLanguages LANGUAGES = new PageLanguages(List.of("nl", "fr", "de",
      "en"), ZoneId.of("Europe/Brussels"));
  private static final AlertPageViews VIEWS = new AlertPageViews(LANGUAGES, "Tocsin");
  private static final AreaMaps MAPS = new AreaMaps(MapBackground.NONE, 640, 480, 72);

  private static String render(AlertHistory history, String language, Instant now) {
    AlertEvent latest = history.latest();
    return TEMPLATES.alertPage(VIEWS.view(history, language, now,
        MAPS.draw(latest.getArea(), latest.getPreviousArea())));
  }

  @Test
  void showsTheTextInTheReadersLanguageWithTheOthersOneClickAway() {
    String html = render(AlertHistory.of(alert("a1", SENT, toxicSmoke()).build()), "fr",
        SENT.plusSeconds(60));

    assertThat(html).contains("<html lang=\"fr\" dir=\"ltr\">")
        .contains("<h1 lang=\"fr\">Fumée toxique</h1>")
        .contains("Restez à l'intérieur.")
        .contains("Que faire ?")
        .containsPattern("En vigueur jusqu’au 3 décembre 2026 (à )?20:05 \\(CET\\)")
        .contains("<a href=\"/alerts/a1?lang=nl\" hreflang=\"nl\" lang=\"nl\">Nederlands</a>")
        .contains("<a href=\"/alerts/a1?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>")
        .contains("<span aria-current=\"page\" lang=\"fr\">Français</span>")
        .contains("De Tocsin")
        .doesNotContain("Giftige rook");
  }

  @Test
  void escapesEverythingAnOperatorWroteAndHoldsNoScript() {
    String attack = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    Info info = Info.newBuilder(info("en", "Headline " + attack, "Description " + attack,
        "Instruction " + attack)).setSenderName("Sender " + attack)
        .setWeb("javascript:alert(3)").build();
    AlertEvent first = alert("a2", SENT, List.of(info))
        .setArea(org.tocsin.events.v1.Area.newBuilder(AlertFixtures.brussels())
            .setDescription("Area " + attack).build()).build();
    AlertEvent cancel = next(first, MessageType.CANCEL, SENT.plusSeconds(600), List.of(info))
        .setNote("Note " + attack).build();

    String html = render(AlertHistory.of(first).with(cancel), "en", SENT.plusSeconds(900));

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<img")
        .doesNotContain("javascript:")
        .contains("Headline &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("Sender &lt;script&gt;")
        .contains("Area &lt;script&gt;")
        .contains("Note &lt;script&gt;");
  }

  @Test
  void marksAnExerciseInTheReadersLanguage() {
    AlertEvent exercise = alert("a3", SENT, toxicSmoke()).setStatus(AlertStatus.EXERCISE)
        .build();

    String html = render(AlertHistory.of(exercise), "nl", SENT);

    assertThat(html).contains("<p class=\"marking\" role=\"note\"><strong>OEFENING</strong> "
        + "Dit bericht maakt deel uit van een oefening.</p>")
        .contains("<title>[OEFENING] Giftige rook");
  }

  @Test
  void listsEveryMessageNewestFirstAndShowsTheCancel() {
    AlertEvent first = alert("a4", SENT, toxicSmoke()).build();
    AlertEvent update = next(first, MessageType.UPDATE, SENT.plus(Duration.ofMinutes(30)),
        List.of(info("en", "Toxic smoke spreading", "The smoke reaches Schaerbeek.",
            "Stay indoors, switch off ventilation."))).build();
    AlertEvent cancel = next(update, MessageType.CANCEL, SENT.plus(Duration.ofHours(2)),
        List.of(info("en", "All clear", "The fire is out.", null))).setNote("Fire out.")
        .build();

    String html = render(AlertHistory.of(first).with(update).with(cancel), "en",
        SENT.plus(Duration.ofHours(3)));

    assertThat(html).contains("<h1 lang=\"en\">All clear</h1>")
        .containsPattern("Cancelled on December 3, 2026,? (at )?4:05.PM \\(CET\\)")
        .contains("<p class=\"note\">Note: Fire out.</p>");
    int cancelled = html.indexOf("<h3 lang=\"en\">All clear</h3>");
    int updated = html.indexOf("<h3 lang=\"en\">Toxic smoke spreading</h3>");
    int original = html.indexOf("<h3 lang=\"en\">Toxic smoke</h3>");
    assertThat(cancelled).isPositive().isLessThan(updated);
    assertThat(updated).isLessThan(original);
  }

  @Test
  void anUpdateWithoutTheReadersLanguageShowsItsOwnFirstLanguageMarkedAsSuch() {
    AlertEvent first = alert("a5", SENT, toxicSmoke()).build();
    AlertEvent update = next(first, MessageType.UPDATE, SENT.plusSeconds(600),
        List.of(info("nl", "Rook verspreidt zich", "Tot in Schaarbeek.", null))).build();

    String html = render(AlertHistory.of(first).with(update), "de", SENT.plusSeconds(700));

    assertThat(html).contains("<h1 lang=\"nl\">Rook verspreidt zich</h1>")
        .contains("<h3 lang=\"de\">Giftiger Rauch</h3>")
        .contains("<html lang=\"de\"");
  }

  @Test
  void drawsTheAreaAsAnInlineMapWithItsDescription() {
    String html = render(AlertHistory.of(alert("a6", SENT, toxicSmoke()).build()), "en", SENT);

    assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .contains("<title id=\"map-title\">Map of the area: Brussels centre</title>")
        .containsPattern("<path class=\"map-area\" d=\"M[0-9. LZ]+\"/>");
  }

  @Test
  void theInlineStyleSheetIsTheOneItsHashAllows() throws Exception {
    String html = render(AlertHistory.of(alert("a7", SENT, toxicSmoke()).build()), "en", SENT);
    String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));

    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
        .digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(TEMPLATES.styleHash())
        .isEqualTo("sha256-" + java.util.Base64.getEncoder().encodeToString(digest));
    assertThat(html.indexOf("<style>")).isEqualTo(html.lastIndexOf("<style>"));
  }
}
