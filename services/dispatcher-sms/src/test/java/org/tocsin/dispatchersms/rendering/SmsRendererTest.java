package org.tocsin.dispatchersms.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

class SmsRendererTest {

  static {
    EventTypes.all();
  }

  private static final String LONG_DUTCH = ("Chemisch incident in de haven van Antwerpen. "
      + "Blijf binnen, sluit ramen en deuren en zet de ventilatie uit. ").repeat(6);

  private final SmsRenderer renderer = new SmsRenderer(2, "https://alert.example.be/{alertId}/{language}");

  @Test
  void sendsATextThatFitsAsItIs() {
    assertThat(renderer.render(task(AlertStatus.ACTUAL, "nl", "Blijf binnen.", null)))
        .isEqualTo("Blijf binnen.");
  }

  @Test
  void cutsALongTextAfterAWholeWordAndLinksToTheFullText() {
    String sms = renderer.render(task(AlertStatus.ACTUAL, "nl", LONG_DUTCH, null));

    assertThat(SmsEncoding.segments(sms)).isLessThanOrEqualTo(2);
    assertThat(sms).endsWith("... https://alert.example.be/a-1/nl");
    String kept = sms.substring(0, sms.indexOf("... https"));
    assertThat(LONG_DUTCH).startsWith(kept);
    assertThat(Character.isWhitespace(LONG_DUTCH.charAt(kept.length()))).as("cut before a space")
        .isTrue();
    assertThat(sms.length()).as("uses the room").isGreaterThan(250);
  }

  @Test
  void prefersTheMessagesOwnLink() {
    String sms = renderer.render(task(AlertStatus.ACTUAL, "nl", LONG_DUTCH, "https://x.be/1"));
    assertThat(sms).endsWith("... https://x.be/1");
  }

  @Test
  void keepsTheExerciseMarkingInTheRecipientsLanguageWhateverIsCut() {
    String marked = renderer.render(task(AlertStatus.EXERCISE, "fr",
        "Fermez portes et fenêtres. ".repeat(20), null));
    assertThat(marked).startsWith("EXERCICE: Fermez");
    assertThat(SmsEncoding.segments(marked)).isLessThanOrEqualTo(2);

    assertThat(renderer.render(task(AlertStatus.EXERCISE, "de", "ÜBUNG – Türen schließen", null)))
        .as("already marked").isEqualTo("ÜBUNG – Türen schließen");
    assertThat(renderer.render(task(AlertStatus.TEST, "nl-BE", "[TEST] Tocsin", null)))
        .isEqualTo("[TEST] Tocsin");
    assertThat(renderer.render(task(AlertStatus.TEST, "en", "Monthly check", null)))
        .isEqualTo("TEST: Monthly check");
  }

  @Test
  void neverSplitsAnEmojiOrALongWord() {
    String emoji = "\uD83C\uDF0A";
    String text = (emoji + " overstroming ").repeat(40);
    String sms = new SmsRenderer(1, null).render(task(AlertStatus.ACTUAL, "nl", text, null));
    assertThat(SmsEncoding.segments(sms)).isEqualTo(1);
    assertThat(sms).endsWith("…");
    assertThat(Character.isHighSurrogate(sms.charAt(sms.length() - 2))).isFalse();

    String word = "x".repeat(400);
    String cut = new SmsRenderer(1, null).render(task(AlertStatus.ACTUAL, "en", word, null));
    assertThat(cut).isEqualTo("x".repeat(157) + "...");
  }

  @Test
  void sendsAVerificationTextAsItIs() {
    DeliveryTask task = DeliveryTask.newBuilder(task(AlertStatus.SYSTEM, "nl",
        "Tocsin code 123456", null)).setKind(TaskKind.VERIFICATION).build();
    assertThat(renderer.render(task)).isEqualTo("Tocsin code 123456");
  }

  static DeliveryTask task(AlertStatus status, String language, String text, String web) {
    return DeliveryTask.newBuilder()
        .setTaskId("t-1").setKind(TaskKind.ALERT).setChannel(Channel.SMS).setLane(Lane.NORMAL)
        .setSubscriberId("s-1").setRecipient("+32470000000").setPushKeys(null)
        .setAlertId("a-1").setAlertVersion(1).setIdentifier("a-1-1").setStatus(status)
        .setMsgType(MessageType.ALERT).setSeverity(Severity.SEVERE)
        .setMessage(Message.newBuilder().setLanguage(language).setSenderName(null)
            .setHeadline("Headline").setDescription("Description").setInstruction(null)
            .setShortText(text).setWeb(web).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now()).setExpires(Instant.now())
        .build();
  }
}
