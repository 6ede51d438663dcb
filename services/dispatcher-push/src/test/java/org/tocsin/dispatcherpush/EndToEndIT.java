package org.tocsin.dispatcherpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.ContactGone;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.ReceivedPush;

class EndToEndIT extends PushDispatcherHarness {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static WebPushTestingService independent;

  @BeforeAll
  static void startIndependentPushService() {
    independent = WebPushTestingService.start();
  }

  @AfterAll
  static void stopIndependentPushService() {
    independent.close();
  }

  @Test
  void exactlyTheSubscribersInsideTheAreaGetOnePushEachInTheirLanguageWhateverTheirPushService()
      throws Exception {
    FakeSubscription nl = FAKE.subscribe(VAPID.publicKey());
    FakeSubscription fr = FAKE.subscribe(VAPID.publicKey());
    FakeSubscription outside = FAKE.subscribe(VAPID.publicKey());
    WebPushTestingService.Subscription elsewhere = independent.subscribe(VAPID.publicKey());
    int before = directory.size();
    publishSubscribers(List.of(
        pushSubscriber("push-nl", nl, "nl", at(50.85, 4.35)),
        pushSubscriber("push-fr", fr, "fr", at(50.82, 4.40)),
        pushSubscriber("push-independent", elsewhere.endpoint(), elsewhere.p256dh(),
            elsewhere.auth(), "nl", at(50.86, 4.36)),
        pushSubscriber("push-outside", outside, "nl", at(50.63, 5.57)),
        subscriber("sms-only", Channel.SMS, "+32470100001", "nl", at(50.85, 4.35)).build()));
    awaitDirectorySize(before + 4);

    String alertId = UUID.randomUUID().toString();
    AlertEvent alert = alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        area(List.of(rectangle(50.80, 4.30, 50.90, 4.45)), List.of(), List.of()),
        text("nl", "Giftige rook", "Blijf binnen."),
        text("fr", "Fumée toxique", "Restez à l'intérieur."))
        .setExpires(Instant.now().plus(Duration.ofHours(2))).build();
    kafka.publish(topics.alerts(), alertId, alert);

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 3, Duration.ofSeconds(60));

    assertThat(statuses.values()).hasSize(3).allSatisfy(status -> {
      assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT);
      assertThat(status.getLane()).isEqualTo(Lane.HIGH);
      assertThat(status.getProvider()).isEqualTo("webpush");
    });
    assertThat(FAKE.pushesTo(outside)).isEmpty();
    ReceivedPush toNl = FAKE.pushesTo(nl).getFirst();
    assertThat(FAKE.pushesTo(nl)).hasSize(1);
    assertThat(FAKE.pushesTo(fr)).hasSize(1);
    JsonNode nlPayload = JSON.readTree(toNl.payload());
    assertThat(nlPayload.path("title").asText()).isEqualTo("Giftige rook");
    assertThat(nlPayload.path("body").asText()).startsWith("Crisis centre: Blijf binnen.");
    assertThat(nlPayload.path("url").asText())
        .isEqualTo("https://alert.example.be/alerts/" + alertId + "?lang=nl");
    assertThat(JSON.readTree(FAKE.pushesTo(fr).getFirst().payload()).path("title").asText())
        .isEqualTo("Fumée toxique");
    assertThat(toNl.urgency()).isEqualTo("high");
    assertThat(toNl.ttl()).isBetween(7000L, 7200L);
    assertThat(independent.notifications(elsewhere)).singleElement()
        .satisfies(payload -> assertThat(JSON.readTree(payload).path("tag").asText())
            .isEqualTo(alertId));
  }

  @Test
  void aVerificationCodeIsPushedToTheSubscriptionItVerifies() throws Exception {
    awaitDirectorySize(directory.size());
    FakeSubscription subscription = FAKE.subscribe(VAPID.publicKey());
    DeliveryTask task = DeliveryTask.newBuilder()
        .setTaskId(UUID.randomUUID().toString()).setKind(TaskKind.VERIFICATION)
        .setChannel(Channel.PUSH).setLane(Lane.NORMAL).setSubscriberId("new-subscriber")
        .setRecipient(subscription.endpoint())
        .setPushKeys(new PushKeys(subscription.p256dh(), subscription.auth()))
        .setAlertId(null).setAlertVersion(0).setIdentifier(null).setStatus(AlertStatus.SYSTEM)
        .setMsgType(MessageType.ALERT).setSeverity(Severity.UNKNOWN)
        .setMessage(Message.newBuilder().setLanguage("nl").setSenderName(null)
            .setHeadline("Tocsin").setDescription("Uw code is 482913")
            .setInstruction(null).setShortText("Uw code is 482913").setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(Instant.now())
        .setExpires(Instant.now().plusSeconds(600)).build();
    kafka.publish(topics.verifications(Channel.PUSH), task.getRecipient(), task);

    FAKE.awaitPushCount(1, Duration.ofSeconds(30));

    JsonNode payload = JSON.readTree(FAKE.pushesTo(subscription).getFirst().payload());
    assertThat(payload.path("kind").asText()).isEqualTo("verification");
    assertThat(payload.path("body").asText()).isEqualTo("Uw code is 482913");
    assertThat(FAKE.pushesTo(subscription).getFirst().urgency()).isEqualTo("normal");
  }

  @Test
  void aSubscriptionItsPushServiceSaysIsGoneEndsFailedAndIsReportedOnTheContactsGoneTopic() {
    FakeSubscription gone = FAKE.subscribe(VAPID.publicKey());
    FakeSubscription unknown = FAKE.subscribe(VAPID.publicKey());
    addSubscribers(List.of(pushSubscriber("push-gone", gone, "nl", at(51.20, 4.40)),
        pushSubscriber("push-unknown", unknown, "nl", at(51.21, 4.41))));
    FAKE.answer(gone, 410).answer(unknown, 404);
    String alertId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.EXTREME,
        area(List.of(rectangle(51.15, 4.35, 51.25, 4.45)), List.of(), List.of()),
        info("nl", "Overstroming")).build());

    Map<String, DeliveryStatus> statuses = finalStatuses(alertId, 2, Duration.ofSeconds(60));
    List<ConsumerRecord<String, ContactGone>> reports = kafka.readUntil(topics.contactsGone(),
        records -> records.size() >= 2, Duration.ofSeconds(30));

    assertThat(topics.contactsGone().name()).as("this test's own topic, from configuration")
        .startsWith("push").endsWith(".contacts-gone");
    assertThat(statuses.values()).extracting(DeliveryStatus::getOutcome)
        .containsOnly(DeliveryOutcome.FAILED);
    assertThat(statuses.values()).extracting(DeliveryStatus::getErrorCode)
        .containsExactlyInAnyOrder("push-410", "push-404");
    assertThat(statuses.values()).allSatisfy(status -> assertThat(status.getAttempt()).isOne());
    assertThat(reports).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("push-gone", "push-unknown");
    assertThat(reports).map(ConsumerRecord::value).anySatisfy(report -> {
      assertThat(report.getSubscriberId()).isEqualTo("push-gone");
      assertThat(report.getChannel()).isEqualTo(Channel.PUSH);
      assertThat(report.getAddress()).isEqualTo(gone.endpoint());
      assertThat(report.getErrorCode()).isEqualTo("push-410");
    });
  }

  private static Info text(String language, String headline, String instruction) {
    return Info.newBuilder(info(language, headline)).setHeadline(headline)
        .setInstruction(instruction).build();
  }
}
