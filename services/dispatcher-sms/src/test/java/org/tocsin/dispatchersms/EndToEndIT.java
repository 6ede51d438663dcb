package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.circle;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;
import static org.tocsin.dispatcher.Fixtures.zone;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.twilio.SentSms;

class EndToEndIT extends SmsDispatcherHarness {

  @Autowired
  MeterRegistry meters;
  @Value("${server.port}")
  int port;

  @Test
  void exactlyTheSubscribersInsideTheAreaGetOneSmsEachInTheirLanguage() {
    Instant sent = Instant.now();
    SubscriberChanged erased =
        subscriber("erased", Channel.SMS, "+32470100007", "nl", at(50.86, 4.36)).build();
    publishSubscribers(List.of(
        subscriber("polygon-nl", Channel.SMS, "+32470100001", "nl", at(50.85, 4.35)).build(),
        subscriber("polygon-fr", Channel.SMS, "+32470100002", "fr", at(50.81, 4.44)).build(),
        subscriber("circle-de", Channel.SMS, "+32470100003", "de", at(51.06, 3.73)).build(),
        subscriber("zone-en", Channel.SMS, "+32470100004", "en", at(50.63, 5.57))
            .setZones(List.of(zone("seveso-1", null))).build(),
        subscriber("both", Channel.SMS, "+32470100005", "fr", at(50.84, 4.40), at(51.05, 3.71))
            .build(),
        subscriber("outside", Channel.SMS, "+32470100006", "nl", at(50.63, 5.57)).build(),
        erased,
        subscriber("zone-ended", Channel.SMS, "+32470100008", "nl", at(50.63, 5.57))
            .setZones(List.of(zone("seveso-1", sent.minusSeconds(60)))).build(),
        subscriber("email-only", Channel.EMAIL, "e@example.be", "nl", at(50.85, 4.35)).build()));
    kafka.publish(topics.subscriptions(), "erased", null);
    awaitDirectorySize(7);

    String alertId = UUID.randomUUID().toString();
    AlertEvent alert = alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        area(List.of(rectangle(50.80, 4.30, 50.90, 4.45)),
            List.of(circle(at(51.054, 3.717), 5_000)), List.of("seveso-1", "municipality-9")),
        info("nl", "Chemisch incident: blijf binnen."),
        info("fr", "Incident chimique : restez à l'intérieur."),
        info("de", "Chemieunfall: bleiben Sie drinnen."))
        .setSent(sent).build();
    kafka.publish(topics.alerts(), alertId, alert);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 5, Duration.ofSeconds(60));
    List<SentSms> messages = FAKE.messages();

    assertThat(byRecipient(messages).keySet()).containsExactlyInAnyOrder("+32470100001",
        "+32470100002", "+32470100003", "+32470100004", "+32470100005");
    assertOnePerRecipient(messages);
    assertThat(body(messages, "+32470100001")).isEqualTo("Chemisch incident: blijf binnen.");
    assertThat(body(messages, "+32470100002")).isEqualTo("Incident chimique : restez à l'intérieur.");
    assertThat(body(messages, "+32470100003")).isEqualTo("Chemieunfall: bleiben Sie drinnen.");
    assertThat(body(messages, "+32470100004")).as("no English text: the first language")
        .isEqualTo("Chemisch incident: blijf binnen.");
    assertThat(messages).allSatisfy(sms -> assertThat(sms.from()).isEqualTo("Tocsin"));
    assertThat(statuses.values()).hasSize(5).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT);
      assertThat(status.getLane()).isEqualTo(Lane.HIGH);
      assertThat(status.getProvider()).isEqualTo("twilio-primary");
    });
    assertThat(statuses.values()).filteredOn(s -> s.getSubscriberId().equals("zone-en"))
        .singleElement().satisfies(s -> assertThat(s.getZoneIds()).containsExactly("seveso-1"));

    List<ConsumerRecord<String, DeliveryStatus>> all = kafka.readUntil(topics.deliveryStatus(),
        records -> records.stream().filter(r -> alertId.equals(r.value().getAlertId())
            && r.value().getOutcome() == DeliveryOutcome.DELIVERED).count() == 5,
        Duration.ofSeconds(30));
    DeliveryStatus report = all.stream().map(ConsumerRecord::value)
        .filter(s -> s.getOutcome() == DeliveryOutcome.FANNED_OUT
            && alertId.equals(s.getAlertId())).findFirst().orElseThrow();
    assertThat(report.getTaskId()).isEqualTo("fanout/" + alertId + "/1/SMS");
    assertThat(report.getFanOut().getTargeted()).isEqualTo(5);
    assertThat(report.getFanOut().getTargetedByZone()).containsExactly(Map.entry("seveso-1", 1L));
  }

  @Test
  void sendsAVerificationCodeAsItIsAndNotOnceItExpired() {
    awaitDirectorySize(directory.size());
    DeliveryTask fresh = verification("+32470100020", "Tocsin: uw code is 482913",
        Instant.now().plusSeconds(600));
    DeliveryTask expired = verification("+32470100021", "Tocsin: uw code is 111111",
        Instant.now().minusSeconds(1));
    kafka.publish(topics.verifications(Channel.SMS), fresh.getRecipient(), fresh);
    kafka.publish(topics.verifications(Channel.SMS), expired.getRecipient(), expired);

    List<ConsumerRecord<String, DeliveryStatus>> records = kafka.readUntil(
        topics.deliveryStatus(), all -> all.stream().filter(r -> r.value().getKind()
            == TaskKind.VERIFICATION).count() >= 2, Duration.ofSeconds(30));

    assertThat(FAKE.messagesTo("+32470100020")).singleElement()
        .satisfies(sms -> assertThat(sms.body()).isEqualTo("Tocsin: uw code is 482913"));
    assertThat(FAKE.messagesTo("+32470100021")).isEmpty();
    assertThat(records).map(ConsumerRecord::value)
        .filteredOn(s -> s.getTaskId().equals(expired.getTaskId())).singleElement()
        .satisfies(s -> assertThat(s.getOutcome()).isEqualTo(DeliveryOutcome.EXPIRED));
  }

  @Test
  void refusesAndCountsStatusCallbacksWithAForgedSignature() throws Exception {
    double before = meters.counter("tocsin.sms.callbacks.rejected").count();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/sms/status?t=task-1&k=ALERT&l=HIGH"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
        .POST(HttpRequest.BodyPublishers.ofString("AccountSid=" + FAKE.accountSid()
            + "&MessageSid=SM1&MessageStatus=delivered"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(meters.counter("tocsin.sms.callbacks.rejected").count()).isEqualTo(before + 1);
  }

  private static DeliveryTask verification(String number, String text, Instant expires) {
    return DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString()).setKind(TaskKind.VERIFICATION)
        .setChannel(Channel.SMS).setLane(Lane.NORMAL).setSubscriberId("new-subscriber")
        .setRecipient(number).setPushKeys(null).setAlertId(null).setAlertVersion(0)
        .setIdentifier(null).setStatus(AlertStatus.SYSTEM).setMsgType(MessageType.ALERT)
        .setSeverity(Severity.UNKNOWN)
        .setMessage(Message.newBuilder().setLanguage("nl").setSenderName(null)
            .setHeadline("Tocsin").setDescription(text).setInstruction(null).setShortText(text)
            .setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now()).setExpires(expires).build();
  }

  private static String body(List<SentSms> messages, String number) {
    return messages.stream().filter(sms -> sms.to().equals(number)).findFirst().orElseThrow()
        .body();
  }
}
