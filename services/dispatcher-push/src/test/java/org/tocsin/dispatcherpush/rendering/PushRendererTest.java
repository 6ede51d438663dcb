package org.tocsin.dispatcherpush.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcherpush.PushTasks;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.TaskKind;

class PushRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PushRenderer renderer = new PushRenderer("https://alert.example.be/", "Tocsin");

  @Test
  void theTitleIsTheHeadlineAndTheBodyNamesTheSenderThenGivesTheInstructionAndDescription()
      throws IOException {
    DeliveryTask task = task().build();

    JsonNode payload = JSON.readTree(renderer.payload(task));

    assertThat(payload.path("title").asText()).isEqualTo("Giftige rook");
    assertThat(payload.path("body").asText())
        .isEqualTo("Tocsin: Blijf binnen, sluit ramen en deuren.\n\nBrand in een opslagplaats.");
    assertThat(payload.path("tag").asText()).isEqualTo(task.getAlertId());
    assertThat(payload.path("renotify").asBoolean()).isTrue();
    assertThat(payload.path("requireInteraction").asBoolean()).isTrue();
    assertThat(payload.path("url").asText())
        .isEqualTo("https://alert.example.be/alerts/" + task.getAlertId() + "?lang=nl");
    assertThat(payload.path("version").asInt()).isEqualTo(1);
  }

  @Test
  void theAlertsOwnSenderNameComesFirstWhenItHasOne() throws IOException {
    DeliveryTask task = task().setMessage(Message.newBuilder(task().build().getMessage())
        .setSenderName("Provincie Antwerpen").build()).build();

    assertThat(JSON.readTree(renderer.payload(task)).path("body").asText())
        .startsWith("Provincie Antwerpen: Blijf binnen");
  }

  @Test
  void anExerciseTitleIsMarkedInTheRecipientsLanguageOnceAndANormalLaneOneMayBeDismissed()
      throws IOException {
    DeliveryTask exercise = task().setStatus(AlertStatus.EXERCISE).setLane(Lane.NORMAL).build();
    DeliveryTask alreadyMarked = task().setStatus(AlertStatus.TEST)
        .setMessage(Message.newBuilder(exercise.getMessage()).setHeadline("[TEST] Sirene")
            .build()).build();

    JsonNode payload = JSON.readTree(renderer.payload(exercise));

    assertThat(payload.path("title").asText()).isEqualTo("[OEFENING] Giftige rook");
    assertThat(payload.path("requireInteraction").asBoolean()).isFalse();
    assertThat(JSON.readTree(renderer.payload(alreadyMarked)).path("title").asText())
        .isEqualTo("[TEST] Sirene");
  }

  @Test
  void aVerificationShowsItsCodeTextUnmarkedAndOpensTheCitizenPage() throws IOException {
    DeliveryTask task = task().setKind(TaskKind.VERIFICATION).setAlertId(null)
        .setStatus(AlertStatus.SYSTEM)
        .setMessage(Message.newBuilder().setLanguage("nl").setHeadline("Tocsin")
            .setDescription("Uw code is 482913").setShortText("Uw code is 482913").build())
        .build();

    JsonNode payload = JSON.readTree(renderer.payload(task));

    assertThat(payload.path("title").asText()).isEqualTo("Tocsin");
    assertThat(payload.path("body").asText()).isEqualTo("Uw code is 482913");
    assertThat(payload.has("url")).isFalse();
    assertThat(payload.has("alertId")).isFalse();
  }

  @Test
  void aLongTextIsCutAfterAWordSoThatThePayloadFitsAndStillLinksToTheFullText()
      throws IOException {
    String description = "Het water stijgt snel in de hele vallei. ".repeat(200);
    DeliveryTask task = task().setMessage(Message.newBuilder(task().build().getMessage())
        .setDescription(description).build()).build();

    byte[] payload = renderer.payload(task);
    JsonNode json = JSON.readTree(payload);

    assertThat(payload.length).isLessThanOrEqualTo(PushRenderer.MAX_PAYLOAD_BYTES)
        .isGreaterThan(PushRenderer.MAX_PAYLOAD_BYTES - 50);
    assertThat(json.path("body").asText()).endsWith("…").doesNotEndWith(" …")
        .startsWith("Tocsin: Blijf binnen");
    String kept = json.path("body").asText();
    assertThat(description).contains(kept.substring(kept.lastIndexOf("\n") + 1,
        kept.length() - 1) + " ");
    assertThat(json.path("url").asText()).contains(task.getAlertId());
  }

  @Test
  void textThatJsonMustEscapeIsCountedAsItIsSent() throws IOException {
    DeliveryTask task = task().setMessage(Message.newBuilder(task().build().getMessage())
        .setDescription("\"\u0001\" 🚨 ".repeat(1500)).build()).build();

    byte[] payload = renderer.payload(task);

    assertThat(payload.length).isLessThanOrEqualTo(PushRenderer.MAX_PAYLOAD_BYTES);
    assertThat(JSON.readTree(payload).path("body").asText()).endsWith("…");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    assertThat(PushRenderer.cut("ab🚨cd", 3)).isEqualTo("ab…");
    assertThat(PushRenderer.cut("one two three", 9)).isEqualTo("one two…");
    assertThat(PushRenderer.cut("one two three", 8)).isEqualTo("one two…");
  }

  private static DeliveryTask.Builder task() {
    return PushTasks.alert("https://fcm.googleapis.com/fcm/send/abc", "key", "auth");
  }
}
