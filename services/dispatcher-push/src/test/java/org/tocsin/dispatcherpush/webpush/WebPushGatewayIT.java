package org.tocsin.dispatcherpush.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatcherpush.PushTasks;
import org.tocsin.dispatcherpush.rendering.PushRenderer;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.push.ReceivedPush;

/** The gateway against the Java push service fake: the protocol, and every kind of answer. */
class WebPushGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final VapidKeys keys = VapidKeys.generate();
  private final PushServiceFake fake = PushServiceFake.start();
  private final PushServiceFake otherService = PushServiceFake.start();
  private final List<String> gone = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    fake.close();
    otherService.close();
  }

  @Test
  void aPushArrivesEncryptedForItsSubscriptionWithAValidVapidTokenAndTheRfc8030Headers()
      throws Exception {
    FakeSubscription subscription = fake.subscribe(keys.publicKey());
    DeliveryTask task = task(subscription).setExpires(Instant.now().plusSeconds(600)).build();

    SendResult result = gateway(true).send(task);

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    assertThat(((SendResult.Accepted) result).providerMessageId()).startsWith(fake.origin());
    ReceivedPush push = fake.pushesTo(subscription).getFirst();
    JsonNode payload = JSON.readTree(push.payload());
    assertThat(payload.path("title").asText()).isEqualTo("Giftige rook");
    assertThat(payload.path("body").asText())
        .isEqualTo("Tocsin: Blijf binnen, sluit ramen en deuren.\n\nBrand in een opslagplaats.");
    assertThat(payload.path("tag").asText()).isEqualTo(task.getAlertId());
    assertThat(push.urgency()).isEqualTo("high");
    assertThat(push.ttl()).isBetween(590L, 600L);
    assertThat(push.topic()).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(push.vapidSubject()).isEqualTo("mailto:alerts@tocsin.invalid");
    assertThat(push.vapidExpires()).isBetween(Instant.now().plus(Duration.ofHours(11)),
        Instant.now().plus(Duration.ofHours(12)));
  }

  @Test
  void theNormalLaneAsksForNormalUrgencyAndTwoVersionsOfOneAlertShareTheirTopic() {
    FakeSubscription subscription = fake.subscribe(keys.publicKey());
    DeliveryTask first = task(subscription).setLane(Lane.NORMAL).build();
    DeliveryTask second = DeliveryTask.newBuilder(first).setTaskId("second").setAlertVersion(2)
        .build();
    WebPushGateway gateway = gateway(true);

    gateway.send(first);
    gateway.send(second);

    assertThat(fake.pushesTo(subscription)).extracting(ReceivedPush::urgency)
        .containsExactly("normal", "normal");
    assertThat(fake.pushesTo(subscription)).extracting(ReceivedPush::topic).doesNotContainNull()
        .containsOnly(fake.pushesTo(subscription).getFirst().topic());
  }

  @Test
  void aPushSignedWithAnotherKeyIsRefusedAndRetriedAsAnAccountProblem() {
    FakeSubscription subscription = fake.subscribe(VapidKeys.generate().publicKey());

    SendResult result = gateway(true).send(task(subscription).build());

    assertThat(result).isEqualTo(new SendResult.TransientFailure("push-403",
        "the push service refused our VAPID credentials"));
    assertThat(fake.answered(403)).isEqualTo(1);
  }

  @Test
  void aGoneSubscriptionFailsForGoodAndIsReported() {
    FakeSubscription expired = fake.subscribe(keys.publicKey());
    FakeSubscription unknown = fake.subscribe(keys.publicKey());
    fake.answer(expired, 410).answer(unknown, 404);
    DeliveryTask toExpired = task(expired).build();
    DeliveryTask toUnknown = task(unknown).build();
    WebPushGateway gateway = gateway(true);

    assertThat(gateway.send(toExpired)).isInstanceOf(SendResult.PermanentFailure.class)
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode()).isEqualTo("push-410");
    assertThat(gateway.send(toUnknown))
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode()).isEqualTo("push-404");
    assertThat(gone).containsExactly(toExpired.getTaskId() + "/410",
        toUnknown.getTaskId() + "/404");
  }

  @Test
  void aPayloadTooLargeIsPermanentAndA5xxOrASlowAnswerIsRetried() {
    FakeSubscription subscription = fake.subscribe(keys.publicKey());
    fake.answer(subscription, 413);
    assertThat(gateway(true).send(task(subscription).build()))
        .isInstanceOf(SendResult.PermanentFailure.class);

    FakeSubscription other = fake.subscribe(keys.publicKey());
    fake.failureRate(1.0);
    assertThat(gateway(true).send(task(other).build()))
        .isEqualTo(new SendResult.TransientFailure("push-503", "push service error"));
    fake.failureRate(0).latency(Duration.ofMillis(800));
    assertThat(gateway(true, Duration.ofMillis(300)).send(task(other).build()))
        .isEqualTo(new SendResult.TransientFailure("push-timeout", "no answer in time"));
    assertThat(gone).isEmpty();
  }

  @Test
  void a429PausesThatPushServiceForItsRetryAfterAndNoOtherService() {
    FakeSubscription limited = fake.subscribe(keys.publicKey());
    FakeSubscription elsewhere = otherService.subscribe(keys.publicKey());
    fake.rateLimitFor(Duration.ofSeconds(30), Duration.ofSeconds(7));
    WebPushGateway gateway = gateway(true);

    SendResult first = gateway.send(task(limited).build());
    SendResult second = gateway.send(task(limited).build());
    SendResult other = gateway.send(task(elsewhere).build());

    assertThat(first).isInstanceOf(SendResult.RateLimited.class);
    assertThat(((SendResult.RateLimited) first).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(second).isInstanceOf(SendResult.RateLimited.class);
    assertThat(((SendResult.RateLimited) second).errorCode()).isEqualTo("push-paused");
    assertThat(((SendResult.RateLimited) second).retryAfter())
        .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7));
    assertThat(fake.requestCount()).as("the paused service was not called again").isEqualTo(1);
    assertThat(other).isInstanceOf(SendResult.Accepted.class);
  }

  @Test
  void byDefaultHttpAndLoopbackEndpointsAreRefusedWithoutARequest() {
    FakeSubscription subscription = fake.subscribe(keys.publicKey());

    SendResult result = gateway(false).send(task(subscription).build());

    assertThat(result).isEqualTo(new SendResult.PermanentFailure("push-endpoint-refused",
        "endpoint not https"));
    assertThat(gateway(false).send(PushTasks.alert("https://127.0.0.1/push/x",
        subscription.p256dh(), subscription.auth()).build()))
        .isEqualTo(new SendResult.PermanentFailure("push-endpoint-refused",
            "endpoint an address, not a push service's host name"));
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void keysThatAreNoP256PointAreAPermanentFailure() {
    FakeSubscription subscription = fake.subscribe(keys.publicKey());

    SendResult result = gateway(true).send(PushTasks.alert(subscription.endpoint(),
        "BAAA", subscription.auth()).build());

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class)
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode())
        .isEqualTo("push-keys-invalid");
    assertThat(fake.requestCount()).isZero();
  }

  private DeliveryTask.Builder task(FakeSubscription subscription) {
    return PushTasks.alert(subscription.endpoint(), subscription.p256dh(), subscription.auth());
  }

  private WebPushGateway gateway(boolean allowInsecure) {
    return gateway(allowInsecure, Duration.ofSeconds(5));
  }

  private WebPushGateway gateway(boolean allowInsecure, Duration responseTimeout) {
    return new WebPushGateway(new WebPushGateway.Settings("webpush", 64, responseTimeout,
        Duration.ofDays(28), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMillis(200),
        allowInsecure, "mailto:alerts@tocsin.invalid", Duration.ofHours(12)),
        keys.toKeyPair(), new PushRenderer("http://localhost:8087", "Tocsin"),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), List.of(), 0, 16,
        (task, status, provider) -> gone.add(task.getTaskId() + "/" + status),
        Clock.systemUTC(), new SimpleMeterRegistry());
  }
}
