package org.tocsin.dispatcherpush.webpush;

import com.zerodeplibs.webpush.EncryptedPushMessage;
import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.dispatcher.sending.MessageGateway;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatcherpush.rendering.PushRenderer;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.PushKeys;

/**
 * Web Push as dispatcher-core's gateway: the task's notification as JSON, encrypted for the
 * subscription with {@code aes128gcm} (RFC 8291, by the zerodep Web Push library on the JDK's
 * own cryptography), signed for with VAPID (RFC 8292), posted to the subscription's endpoint
 * with the JDK's HTTP client (RFC 8030). Every push service has its own limits and pause
 * ({@link PushService}), so that FCM's trouble never holds up Mozilla's pushes. A subscription
 * its push service says is gone is reported, so that subscriptions removes it.
 *
 * <p>Endpoints and keys are personal data: nothing here logs them.
 */
public final class WebPushGateway implements MessageGateway {

  private static final Logger log = LoggerFactory.getLogger(WebPushGateway.class);

  /** How the gateway reaches push services; see the channel's configuration. */
  public record Settings(String account, int maxConcurrentRequests, Duration responseTimeout,
                         Duration maxTtl, Duration defaultRetryAfter, Duration maxRetryAfter,
                         Duration serviceQueueTimeout, boolean allowInsecureEndpoints,
                         String vapidSubject, Duration vapidTokenValidity) {
  }

  private final Settings settings;
  private final PushRenderer renderer;
  private final HttpClient http;
  private final PushServices services;
  private final EndpointPolicy endpoints;
  private final PushAnswers answers;
  private final VapidAuthorizations vapid;
  private final GoneContacts gone;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public WebPushGateway(Settings settings, VAPIDKeyPair vapidKeys,
                        PushRenderer renderer, HttpClient http,
                        Collection<PushServices.Definition> services,
                        double defaultRate, int defaultConcurrency, GoneContacts gone,
                        Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.renderer = renderer;
    this.http = http;
    this.services = new PushServices(services, defaultRate, defaultConcurrency);
    this.endpoints = new EndpointPolicy(settings.allowInsecureEndpoints());
    this.answers = new PushAnswers(settings.defaultRetryAfter(), settings.maxRetryAfter());
    this.vapid = new VapidAuthorizations(vapidKeys, settings.vapidSubject(),
        settings.vapidTokenValidity(), clock);
    this.gone = gone;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public String account() {
    return settings.account();
  }

  /** No pace of its own over all services: each service has its own (see PushService). */
  @Override
  public SendLimits limits() {
    return new SendLimits(0, settings.maxConcurrentRequests());
  }

  @Override
  public SendResult send(DeliveryTask task) {
    EndpointPolicy.Checked endpoint = endpoints.check(task.getRecipient());
    if (endpoint.refused().isPresent()) {
      return new SendResult.PermanentFailure("push-endpoint-refused",
          "endpoint " + endpoint.refusal());
    }
    PushKeys keys = task.getPushKeys();
    if (keys == null) {
      return new SendResult.PermanentFailure("push-keys-missing",
          "the task carries no subscription keys");
    }
    PushService service = services.of(endpoint.uri());
    Duration paused = service.pausedFor();
    if (!paused.isZero()) {
      return new SendResult.RateLimited("push-paused", paused);
    }
    HttpRequest request;
    try {
      request = request(task, endpoint.uri(), encrypt(task, keys));
    } catch (RuntimeException e) {
      // The library refuses keys that are no P-256 point or no 16-byte secret.
      return new SendResult.PermanentFailure("push-keys-invalid",
          "the subscription keys cannot be used: " + e.getClass().getSimpleName());
    }
    try {
      if (!service.enter(settings.serviceQueueTimeout())) {
        return new SendResult.RateLimited("push-service-busy", settings.serviceQueueTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.TransientFailure("interrupted", "stopped before sending");
    }
    try {
      // The service may have asked for a pause while this push waited for its slot.
      Duration pausedMeanwhile = service.pausedFor();
      if (!pausedMeanwhile.isZero()) {
        return new SendResult.RateLimited("push-paused", pausedMeanwhile);
      }
      return call(task, service, request);
    } finally {
      service.leave();
    }
  }

  private SendResult call(DeliveryTask task, PushService service, HttpRequest request) {
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      count(service, "timeout");
      return new SendResult.TransientFailure("push-timeout", "no answer in time");
    } catch (IOException e) {
      count(service, "unreachable");
      return new SendResult.TransientFailure("push-unreachable", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.TransientFailure("interrupted", "stopped while sending");
    }
    int status = response.statusCode();
    count(service, String.valueOf(status));
    SendResult result = answers.classify(status, response.headers().firstValue("Location"),
        response.headers().firstValue("Retry-After"), clock.instant());
    if (result instanceof SendResult.RateLimited limited) {
      service.pause(limited.retryAfter());
      log.info("Push service {} answered 429: paused for {}", service.name(),
          limited.retryAfter());
    } else if (PushAnswers.gone(status)) {
      gone.gone(task, status, settings.account());
    } else if (result instanceof SendResult.TransientFailure || status == 400 || status == 413) {
      log.warn("Push service {} answered {} to task {}", service.name(), status,
          task.getTaskId());
    }
    return result;
  }

  private EncryptedPushMessage encrypt(DeliveryTask task, PushKeys keys) {
    return MessageEncryptions.of().encrypt(
        UserAgentMessageEncryptionKeyInfo.of(keys.getP256dh(), keys.getAuth()),
        PushMessage.of(renderer.payload(task)));
  }

  private HttpRequest request(DeliveryTask task, URI endpoint, EncryptedPushMessage message) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
        .timeout(settings.responseTimeout())
        .header("Authorization", vapid.headerFor(endpoint))
        .header("TTL", String.valueOf(
            PushHeaders.ttlSeconds(task, clock.instant(), settings.maxTtl())))
        .header("Urgency", PushHeaders.urgency(task))
        .header("Content-Type", message.mediaType())
        .header("Content-Encoding", message.contentEncoding())
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.toBytes()));
    String topic = PushHeaders.topic(task);
    if (topic != null) {
      builder.header("Topic", topic);
    }
    if (endpoint.getScheme().equalsIgnoreCase("http")) {
      // Only local test services are reached in clear (see EndpointPolicy); without TLS
      // there is no HTTP/2 to negotiate, and no upgrade is attempted.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder.build();
  }

  private void count(PushService service, String answer) {
    counters.computeIfAbsent(service.name() + "/" + answer, key -> Counter.builder(
            "tocsin.push.answers")
        .description("Answers of the push services, by service and HTTP status")
        .tags("service", service.name(), "answer", answer).register(meters)).increment();
  }
}
