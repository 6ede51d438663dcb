package org.tocsin.dispatcheremail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.circle;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.Fixtures.zone;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;

class EndToEndIT extends EmailDispatcherHarness {

  @Test
  void exactlyTheSubscribersInsideTheAreaGetOneMailEachInTheirLanguage() throws Exception {
    SubscriberChanged erased =
        subscriber("erased", Channel.EMAIL, "erased@example.be", "nl", at(50.86, 4.36)).build();
    publishSubscribers(List.of(
        subscriber("polygon-nl", Channel.EMAIL, "jan@example.be", "nl", at(50.85, 4.35)).build(),
        subscriber("polygon-fr", Channel.EMAIL, "marie@example.be", "fr", at(50.81, 4.44))
            .build(),
        subscriber("circle-de", Channel.EMAIL, "jurgen@example.de", "de", at(51.06, 3.73))
            .build(),
        subscriber("zone-en", Channel.EMAIL, "emma@example.org", "en", at(50.63, 5.57))
            .setZones(List.of(zone("seveso-1", null))).build(),
        subscriber("both", Channel.EMAIL, "luc@example.be", "fr", at(50.84, 4.40),
            at(51.05, 3.71)).build(),
        subscriber("outside", Channel.EMAIL, "outside@example.be", "nl", at(50.63, 5.57))
            .build(),
        erased,
        subscriber("sms-only", Channel.SMS, "+32470100001", "nl", at(50.85, 4.35)).build()));
    kafka.publish(topics.subscriptions(), "erased", null);
    awaitDirectorySize(6);

    String alertId = UUID.randomUUID().toString();
    AlertEvent alert = alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        area(List.of(rectangle(50.80, 4.30, 50.90, 4.45)),
            List.of(circle(at(51.054, 3.717), 5_000)), List.of("seveso-1")),
        info("nl", "Chemisch incident", "Een lek in een fabriek.", "Blijf binnen."),
        info("fr", "Incident chimique", "Une fuite dans une usine.",
            "Restez à l'intérieur."),
        info("de", "Chemieunfall", "Ein Leck in einer Fabrik.", "Bleiben Sie drinnen."),
        info("en", "Chemical incident", "A leak in a factory.", "Stay indoors."))
        .build();
    kafka.publish(topics.alerts(), alertId, alert);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 5, Duration.ofSeconds(60));
    assertThat(smtp.waitForIncomingEmail(10_000, 5)).isTrue();
    Map<String, List<MimeMessage>> mails = mailsByRecipient();

    assertThat(mails.keySet()).containsExactlyInAnyOrder("jan@example.be", "marie@example.be",
        "jurgen@example.de", "emma@example.org", "luc@example.be");
    assertOneMailPerRecipient();
    assertThat(subjects(mails)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "jan@example.be", "Chemisch incident", "marie@example.be", "Incident chimique",
        "jurgen@example.de", "Chemieunfall", "emma@example.org", "Chemical incident",
        "luc@example.be", "Incident chimique"));
    MimeMessage french = mails.get("marie@example.be").getFirst();
    assertThat(text(french)).contains("Une fuite dans une usine.", "Restez à l'intérieur.",
        "Plus d’informations: https://alert.example.be/" + alertId);
    assertThat(french.getHeader("Importance")).containsExactly("high");
    assertThat(french.getHeader("X-Tocsin-Alert-Id")).containsExactly(alertId);

    assertThat(statuses.values()).hasSize(5).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT);
      assertThat(status.getLane()).isEqualTo(Lane.HIGH);
      assertThat(status.getProvider()).isEqualTo("smtp");
      assertThat(status.getProviderMessageId())
          .isEqualTo("<" + status.getTaskId() + "@tocsin.invalid>");
    });
    assertThat(mails.values().stream().flatMap(List::stream).map(EndToEndIT::messageId))
        .containsExactlyInAnyOrderElementsOf(statuses.values().stream()
            .map(DeliveryStatus::getProviderMessageId).toList());

    DeliveryStatus report = kafka.readAll(topics.deliveryStatus()).stream()
        .map(ConsumerRecord::value)
        .filter(s -> s.getOutcome() == DeliveryOutcome.FANNED_OUT
            && alertId.equals(s.getAlertId())).findFirst().orElseThrow();
    assertThat(report.getTaskId()).isEqualTo("fanout/" + alertId + "/1/EMAIL");
    assertThat(report.getFanOut().getTargeted()).isEqualTo(5);
  }

  @Test
  void sendsAVerificationCodeAsItsTextAndNotOnceItExpired() throws Exception {
    awaitDirectorySize(directory.size());
    String text = "Uw Tocsin-code is 482913. Hij blijft 10 minuten geldig.";
    DeliveryTask fresh = verification("nieuw@example.be", text, Instant.now().plusSeconds(600));
    DeliveryTask expired = verification("laat@example.be", "Uw Tocsin-code is 111111.",
        Instant.now().minusSeconds(1));
    kafka.publish(topics.verifications(Channel.EMAIL), fresh.getRecipient(), fresh);
    kafka.publish(topics.verifications(Channel.EMAIL), expired.getRecipient(),
        expired);

    List<ConsumerRecord<String, DeliveryStatus>> records = kafka.readUntil(
        topics.deliveryStatus(), all -> all.stream().filter(r -> r.value().getKind()
            == TaskKind.VERIFICATION).count() >= 2, Duration.ofSeconds(30));

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    Map<String, List<MimeMessage>> mails = mailsByRecipient();
    assertThat(mails.keySet()).containsExactly("nieuw@example.be");
    MimeMessage mail = mails.get("nieuw@example.be").getFirst();
    assertThat(mail.getSubject()).isEqualTo("Tocsin");
    assertThat(text(mail)).isEqualTo(text);
    assertThat(records).map(ConsumerRecord::value)
        .filteredOn(s -> s.getTaskId().equals(fresh.getTaskId())).singleElement()
        .satisfies(s -> assertThat(s.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
    assertThat(records).map(ConsumerRecord::value)
        .filteredOn(s -> s.getTaskId().equals(expired.getTaskId())).singleElement()
        .satisfies(s -> assertThat(s.getOutcome()).isEqualTo(DeliveryOutcome.EXPIRED));
  }

  static Info info(String language, String headline, String description, String instruction) {
    return Info.newBuilder().setLanguage(language).setSenderName("Crisis centre")
        .setHeadline(headline).setDescription(description).setInstruction(instruction)
        .setSmsText(headline + ": " + instruction).setWeb(null).build();
  }

  private static DeliveryTask verification(String address, String text, Instant expires) {
    return DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString()).setKind(TaskKind.VERIFICATION)
        .setChannel(Channel.EMAIL).setLane(Lane.NORMAL).setSubscriberId("new-subscriber")
        .setRecipient(address).setPushKeys(null).setAlertId(null).setAlertVersion(0)
        .setIdentifier(null).setStatus(AlertStatus.SYSTEM).setMsgType(MessageType.ALERT)
        .setSeverity(Severity.UNKNOWN)
        .setMessage(Message.newBuilder().setLanguage("nl").setSenderName(null)
            .setHeadline("Tocsin").setDescription(text).setInstruction(null)
            .setShortText("Tocsin-code: 482913").setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now()).setExpires(expires).build();
  }

  private static Map<String, String> subjects(Map<String, List<MimeMessage>> mails) {
    return mails.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        entry -> subject(entry.getValue().getFirst())));
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text/plain part. */
  static String text(MimeMessage message) throws Exception {
    return (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
  }
}
