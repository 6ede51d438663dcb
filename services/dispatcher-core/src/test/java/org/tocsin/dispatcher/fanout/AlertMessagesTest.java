package org.tocsin.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.info;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Message;

class AlertMessagesTest {

  private final AlertMessages messages = new AlertMessages(List.of(
      info("nl-BE", "Sluit ramen en deuren"), info("fr", "Fermez portes et fenêtres")),
      Channel.EMAIL);

  @Test
  void givesTheSubscribersLanguageWhenTheAlertHasIt() {
    assertThat(messages.forLanguage("fr").getShortText()).isEqualTo("Fermez portes et fenêtres");
    assertThat(messages.forLanguage("nl").getShortText()).isEqualTo("Sluit ramen en deuren");
  }

  @Test
  void fallsBackToTheAlertsFirstLanguage() {
    assertThat(messages.forLanguage("de").getLanguage()).isEqualTo("nl-BE");
    assertThat(messages.forLanguage("").getLanguage()).isEqualTo("nl-BE");
  }

  @Test
  void smsTasksCarryOnlyTheTextsAnSmsShows() {
    Info full = Info.newBuilder(info("fr", "Fermez portes et fenêtres"))
        .setDescription("Un incendie dans un entrepôt. ".repeat(100))
        .setInstruction("Restez à l'intérieur.").setWeb("https://example.org/a").build();

    Message sms = new AlertMessages(List.of(full), Channel.SMS).forLanguage("fr");
    Message email = new AlertMessages(List.of(full), Channel.EMAIL).forLanguage("fr");

    assertThat(sms.getShortText()).isEqualTo("Fermez portes et fenêtres");
    assertThat(sms.getHeadline()).isEqualTo(full.getHeadline());
    assertThat(sms.getWeb()).isEqualTo("https://example.org/a");
    assertThat(sms.getDescription()).isEmpty();
    assertThat(sms.getInstruction()).isNull();
    assertThat(email.getDescription()).isEqualTo(full.getDescription());
    assertThat(email.getInstruction()).isEqualTo("Restez à l'intérieur.");
  }

  @Test
  void taskIdsAreTheSameForTheSameAlertVersionSubscriberAndChannelOnly() {
    String id = TaskIds.forAlert("a-1", 1, "s-1", org.tocsin.events.v1.Channel.SMS);
    assertThat(TaskIds.forAlert("a-1", 1, "s-1", org.tocsin.events.v1.Channel.SMS)).isEqualTo(id);
    assertThat(List.of(TaskIds.forAlert("a-1", 2, "s-1", org.tocsin.events.v1.Channel.SMS),
        TaskIds.forAlert("a-1", 1, "s-2", org.tocsin.events.v1.Channel.SMS),
        TaskIds.forAlert("a-1", 1, "s-1", org.tocsin.events.v1.Channel.EMAIL),
        TaskIds.forAlert("a-11", 1, "-s-1", org.tocsin.events.v1.Channel.SMS)))
        .doesNotContain(id).doesNotHaveDuplicates();
  }
}
