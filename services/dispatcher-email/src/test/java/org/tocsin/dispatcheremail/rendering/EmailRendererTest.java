package org.tocsin.dispatcheremail.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

class EmailRendererTest {

  static {
    EventTypes.all();
  }

  private final EmailRenderer renderer =
      new EmailRenderer("https://alert.example.be/{alertId}?lang={language}", "tocsin.invalid");

  @Test
  void rendersEachLanguageInUtf8WithItsLangAttributeAndALinkToTheFullTextAndUpdates() {
    record Case(String language, String headline, String description, String instruction,
                String fullText) {
    }
    List<Case> cases = List.of(
        new Case("nl", "Giftige rook", "Brand in een opslagplaats in Anderlecht.",
            "Blijf binnen, sluit ramen en deuren.", "Volledige tekst en updates"),
        new Case("fr", "Fumée toxique", "Incendie dans un entrepôt à Anderlecht.",
            "Restez à l'intérieur, fermez portes et fenêtres.", "Texte complet et mises à jour"),
        new Case("de", "Giftiger Rauch", "Brand in einem Lager in Anderlecht.",
            "Bleiben Sie drinnen, schließen Sie Fenster und Türen.",
            "Vollständiger Text und Aktualisierungen"),
        new Case("en", "Toxic smoke", "A warehouse fire in Anderlecht.",
            "Stay indoors, close windows and doors.", "Full text and updates"));
    for (Case c : cases) {
      RenderedEmail email = renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
          message(c.language(), c.headline(), c.description(), c.instruction(), null)));

      assertThat(email.subject()).isEqualTo(c.headline());
      assertThat(email.language()).isEqualTo(c.language());
      assertThat(email.text()).isEqualTo(c.headline() + "\n\n" + c.description() + "\n\n"
          + c.instruction() + "\n\n" + c.fullText() + ": https://alert.example.be/alert-1?lang="
          + c.language() + "\n");
      assertThat(email.html()).contains("<html lang=\"" + c.language() + "\">",
          "<meta charset=\"utf-8\">", "<h1 style=\"font-size: 1.3em;\">" + c.headline()
              + "</h1>", "<p>" + c.description() + "</p>",
          EmailRenderer.escape(c.instruction()),
          "<a href=\"https://alert.example.be/alert-1?lang=" + c.language() + "\">");
    }
  }

  @Test
  void escapesHostileTextAndLinksNothingButTheWeb() {
    RenderedEmail email = renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
        message("en", "<script>alert('headline')</script>",
            "<img src=\"https://tracker.example/pixel.gif\"> & <b>bold</b>",
            "\"><script>alert(2)</script>", "javascript:alert(3)")));

    assertThat(email.html()).doesNotContain("<script", "<img", "<b>", "href=\"javascript")
        .contains("&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt;",
            "&lt;img src=&quot;https://tracker.example/pixel.gif&quot;&gt; &amp; "
                + "&lt;b&gt;bold&lt;/b&gt;",
            "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
            "More information: javascript:alert(3)");
    assertThat(email.html().replaceAll("<a href=\"[^\"]*\">", ""))
        .as("no remote content: the only tags are structure and text")
        .doesNotContainPattern("(?i)<(img|script|link|iframe|object|style|form)\\b")
        .doesNotContain("src=\"");
    assertThat(email.text()).startsWith("<script>alert('headline')</script>\n\n");
  }

  @Test
  void subjectIsOneLineSoNoTextCanAddHeaders() {
    RenderedEmail email = renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
        message("en", "Flood\r\nBcc: everyone@example.org\n", "Water rising.", null, null)));

    assertThat(email.subject()).isEqualTo("Flood Bcc: everyone@example.org");
  }

  @Test
  void marksExercisesAndTestsInTheSubjectInTheRecipientsLanguageOnce() {
    assertThat(subject(AlertStatus.EXERCISE, "nl", "Gaslek")).isEqualTo("[OEFENING] Gaslek");
    assertThat(subject(AlertStatus.EXERCISE, "fr", "Fuite de gaz"))
        .isEqualTo("[EXERCICE] Fuite de gaz");
    assertThat(subject(AlertStatus.EXERCISE, "de", "Gasleck")).isEqualTo("[ÜBUNG] Gasleck");
    assertThat(subject(AlertStatus.EXERCISE, "en", "Gas leak")).isEqualTo("[EXERCISE] Gas leak");
    assertThat(subject(AlertStatus.TEST, "fr", "Essai des sirènes"))
        .isEqualTo("[TEST] Essai des sirènes");
    assertThat(subject(AlertStatus.EXERCISE, "nl", "[OEFENING] Gaslek"))
        .as("already marked by alert-intake").isEqualTo("[OEFENING] Gaslek");
    assertThat(subject(AlertStatus.ACTUAL, "nl", "Gaslek")).isEqualTo("Gaslek");
  }

  @Test
  void longHeadlinesAreCutAfterAWordKeepingTheMarkingAndLongTextsAreKeptWhole() {
    String headline = "Overstroming ".repeat(40).strip();
    String description = "Het water van de Maas stijgt snel. ".repeat(120).strip();
    RenderedEmail email = renderer.render(alertTask(AlertStatus.EXERCISE, Severity.SEVERE,
        message("nl", headline, description, null, null)));

    assertThat(email.subject()).hasSizeLessThanOrEqualTo(EmailRenderer.MAX_SUBJECT_LENGTH)
        .startsWith("[OEFENING] Overstroming Overstroming").endsWith("Overstroming…");
    assertThat(email.text()).contains(description);
    assertThat(email.html()).contains(description);
  }

  @Test
  void paragraphsAndLineBreaksOfTheDescriptionAreKeptInHtml() {
    RenderedEmail email = renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
        message("en", "Storm", "First paragraph,\nsecond line.\n\nSecond paragraph.", null,
            "https://info.example.be/storm")));

    assertThat(email.html()).contains("<p>First paragraph,<br>\nsecond line.</p>\n"
        + "<p>Second paragraph.</p>", "More information: <a href=\"https://info.example.be/"
        + "storm\">https://info.example.be/storm</a>");
    assertThat(email.text()).endsWith("\n\nFull text and updates: "
        + "https://alert.example.be/alert-1?lang=en\n\nMore information: "
        + "https://info.example.be/storm\n");
  }

  @Test
  void headersNameTheTaskTheAlertAndTheEarlierVersions() {
    DeliveryTask task = DeliveryTask.newBuilder(alertTask(AlertStatus.ACTUAL, Severity.EXTREME,
            message("nl", "Kernongeval", "Blijf binnen.", null, null)))
        .setTaskId(TaskIds.forAlert("alert-1", 3, "subscriber-1", Channel.EMAIL))
        .setAlertVersion(3).setMsgType(MessageType.UPDATE).build();
    RenderedEmail email = renderer.render(task);

    String v1 = "<" + TaskIds.forAlert("alert-1", 1, "subscriber-1", Channel.EMAIL)
        + "@tocsin.invalid>";
    String v2 = "<" + TaskIds.forAlert("alert-1", 2, "subscriber-1", Channel.EMAIL)
        + "@tocsin.invalid>";
    assertThat(email.messageId()).isEqualTo("<" + task.getTaskId() + "@tocsin.invalid>")
        .isEqualTo(renderer.render(task).messageId());
    assertThat(email.headers()).containsEntry("Auto-Submitted", "auto-generated")
        .containsEntry("X-Tocsin-Alert-Id", "alert-1")
        .containsEntry("X-Tocsin-Alert-Version", "3")
        .containsEntry("In-Reply-To", v2)
        .containsEntry("References", v1 + " " + v2)
        .containsEntry("Importance", "high")
        .containsEntry("X-Priority", "1");
  }

  @Test
  void onlyLifeSafetyAlertsAreMarkedImportant() {
    assertThat(renderer.render(alertTask(AlertStatus.ACTUAL, Severity.SEVERE,
        message("en", "a", "b", null, null))).headers()).containsKey("Importance");
    assertThat(renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
        message("en", "a", "b", null, null))).headers()).doesNotContainKeys("Importance",
        "X-Priority");
    assertThat(renderer.render(alertTask(AlertStatus.EXERCISE, Severity.EXTREME,
        message("en", "a", "b", null, null))).headers()).doesNotContainKeys("Importance",
        "X-Priority");
    assertThat(renderer.render(alertTask(AlertStatus.ACTUAL, Severity.MODERATE,
        message("en", "a", "b", null, null))).headers())
        .doesNotContainKeys("In-Reply-To", "References");
  }

  @Test
  void verificationIsTheDescriptionAsItIsWithoutMarkingOrAlertHeaders() {
    String text = "Uw Tocsin-code is 482913. Hij is 10 minuten geldig.";
    DeliveryTask task = DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString()).setKind(TaskKind.VERIFICATION)
        .setChannel(Channel.EMAIL).setLane(Lane.NORMAL).setSubscriberId("new")
        .setRecipient("citizen@example.be").setPushKeys(null).setAlertId(null)
        .setAlertVersion(0).setIdentifier(null).setStatus(AlertStatus.SYSTEM)
        .setMsgType(MessageType.ALERT).setSeverity(Severity.UNKNOWN)
        .setMessage(Message.newBuilder().setLanguage("nl").setSenderName(null)
            .setHeadline("Tocsin").setDescription(text).setInstruction(null)
            .setShortText("Tocsin: 482913").setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now())
        .setExpires(Instant.now().plusSeconds(600)).build();

    RenderedEmail email = renderer.render(task);

    assertThat(email.subject()).isEqualTo("Tocsin");
    assertThat(email.text()).isEqualTo(text);
    assertThat(email.html()).contains("<p>" + text + "</p>").doesNotContain("<h1", "<a ");
    assertThat(email.headers()).containsOnlyKeys("Auto-Submitted");
    assertThat(email.messageId()).isEqualTo("<" + task.getTaskId() + "@tocsin.invalid>");
  }

  private String subject(AlertStatus status, String language, String headline) {
    return renderer.render(alertTask(status, Severity.MINOR,
        message(language, headline, "Text.", null, null))).subject();
  }

  static Message message(String language, String headline, String description,
                         String instruction, String web) {
    return Message.newBuilder().setLanguage(language).setSenderName("Crisis centre")
        .setHeadline(headline).setDescription(description).setInstruction(instruction)
        .setShortText(headline).setWeb(web).build();
  }

  static DeliveryTask alertTask(AlertStatus status, Severity severity, Message message) {
    return DeliveryTask.newBuilder()
        .setTaskId(TaskIds.forAlert("alert-1", 1, "subscriber-1", Channel.EMAIL))
        .setKind(TaskKind.ALERT).setChannel(Channel.EMAIL).setLane(Lane.NORMAL)
        .setSubscriberId("subscriber-1").setRecipient("citizen@example.be").setPushKeys(null)
        .setAlertId("alert-1").setAlertVersion(1).setIdentifier("TOCSIN-1").setStatus(status)
        .setMsgType(MessageType.ALERT).setSeverity(severity).setMessage(message)
        .setZoneIds(List.of()).setCreatedAt(Instant.now())
        .setExpires(Instant.now().plusSeconds(3600)).build();
  }
}
