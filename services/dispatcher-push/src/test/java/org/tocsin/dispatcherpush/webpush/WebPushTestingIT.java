package org.tocsin.dispatcherpush.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatcherpush.PushTasks;
import org.tocsin.dispatcherpush.WebPushTestingService;
import org.tocsin.dispatcherpush.rendering.PushRenderer;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Message;

/**
 * The gateway against an independent implementation of the push service side
 * ({@code web-push-testing} from the npm registry): proof that the encryption and VAPID are
 * what another implementation expects, not only what our own fake does.
 */
class WebPushTestingIT {

  private static WebPushTestingService service;
  private final VapidKeys keys = VapidKeys.generate();
  private final List<String> gone = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    service = WebPushTestingService.start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void anIndependentPushServiceAcceptsOurVapidTokenAndDecryptsThePayload() throws Exception {
    WebPushTestingService.Subscription subscription = service.subscribe(keys.publicKey());
    DeliveryTask task = task(subscription).build();

    SendResult result = gateway(keys).send(task);

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    assertThat(service.notifications(subscription)).singleElement().satisfies(text ->
        assertThat(new ObjectMapper().readTree(text).path("tag").asText())
            .isEqualTo(task.getAlertId()));
  }

  @Test
  void aPayloadOfTheLargestSizeStillDecryptsThere() throws Exception {
    WebPushTestingService.Subscription subscription = service.subscribe(keys.publicKey());
    DeliveryTask task = task(subscription).setMessage(Message.newBuilder()
        .setLanguage("fr").setHeadline("Inondation").setDescription("é ".repeat(3000))
        .setInstruction("Montez à l'étage.").setShortText("Inondation").build()).build();
    byte[] payload = new PushRenderer("http://localhost:8087", "Tocsin").payload(task);

    SendResult result = gateway(keys).send(task);

    assertThat(payload.length).isBetween(PushRenderer.MAX_PAYLOAD_BYTES - 8,
        PushRenderer.MAX_PAYLOAD_BYTES);
    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    assertThat(service.notifications(subscription)).singleElement()
        .satisfies(text -> assertThat(new ObjectMapper().readTree(text).path("body").asText())
            .startsWith("Tocsin: Montez à l'étage.").endsWith("é…"));
  }

  @Test
  void itRefusesAnotherServersKeyAndAnswers410OnceTheSubscriptionExpired() {
    WebPushTestingService.Subscription subscription = service.subscribe(keys.publicKey());
    assertThat(gateway(VapidKeys.generate()).send(task(subscription).build()))
        .isInstanceOf(SendResult.PermanentFailure.class)
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode()).isEqualTo("push-400");

    service.expire(subscription);
    DeliveryTask task = task(subscription).build();
    SendResult result = gateway(keys).send(task);

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class)
        .extracting(r -> ((SendResult.PermanentFailure) r).errorCode()).isEqualTo("push-410");
    assertThat(gone).containsExactly(task.getTaskId());
  }

  private static DeliveryTask.Builder task(WebPushTestingService.Subscription subscription) {
    return PushTasks.alert(subscription.endpoint(), subscription.p256dh(), subscription.auth());
  }

  private WebPushGateway gateway(VapidKeys signer) {
    return new WebPushGateway(new WebPushGateway.Settings("webpush", 16, Duration.ofSeconds(5),
        Duration.ofDays(28), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMillis(200),
        true, "mailto:alerts@tocsin.invalid", Duration.ofHours(12)),
        signer.toKeyPair(), new PushRenderer("http://localhost:8087", "Tocsin"),
        HttpClient.newHttpClient(), List.of(), 0, 16,
        (task, status, provider) -> gone.add(task.getTaskId()), Clock.systemUTC(),
        new SimpleMeterRegistry());
  }
}
