package org.tocsin.dispatcherpush.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Web Push channel ({@code tocsin.push.*}, or environment variables such as
 * {@code TOCSIN_PUSH_VAPID_PRIVATE_KEY}).
 *
 * @param vapid the application server's VAPID identity
 * @param alertPageUrl base URL of the public alert page: a notification opens
 *     {@code <alertPageUrl>/alerts/<alert id>?lang=<language>} (default
 *     {@code http://localhost:8087}, alert-page's local address)
 * @param senderName who the body of a notification names as its sender when the alert names
 *     none (default {@code Tocsin})
 * @param account the name of this channel's provider account in statuses and metrics (default
 *     {@code webpush})
 * @param maxConcurrentRequests requests in progress at once, over every push service (default
 *     256)
 * @param connectTimeout time to open a connection to a push service (default 5s)
 * @param responseTimeout time to wait for its answer (default 10s): a push whose answer never
 *     came is retried, and may then arrive twice
 * @param maxTtl longest {@code TTL} asked of a push service, whatever the alert's expiry
 *     (default 28d, what the push services keep at most)
 * @param defaultRetryAfter how long a push service that answered 429 without
 *     {@code Retry-After} is left alone (default 10s)
 * @param maxRetryAfter the longest {@code Retry-After} honoured (default 1h)
 * @param serviceQueueTimeout how long a push waits for a free request slot of its push service
 *     before it goes back to the queue, so that one slow service cannot hold every slot
 *     (default 200ms)
 * @param allowInsecureEndpoints accept {@code http} and loopback endpoints; for tests against
 *     local push services only (default false: https to a named host, as subscriptions accepts)
 * @param defaultService limits of a push service that none of {@code services} names
 * @param services the push services by name (FCM, Mozilla autopush, Apple, Windows...), each
 *     with the hosts it answers on and its own limits
 */
@Validated
@ConfigurationProperties("tocsin.push")
public record PushProperties(
    @Valid @NotNull Vapid vapid,
    @DefaultValue("http://localhost:8087") @NotBlank String alertPageUrl,
    @DefaultValue("Tocsin") @NotBlank String senderName,
    @DefaultValue("webpush") @NotBlank String account,
    @DefaultValue("256") @Min(1) @Max(10_000) int maxConcurrentRequests,
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("10s") @NotNull Duration responseTimeout,
    @DefaultValue("28d") @NotNull Duration maxTtl,
    @DefaultValue("10s") @NotNull Duration defaultRetryAfter,
    @DefaultValue("1h") @NotNull Duration maxRetryAfter,
    @DefaultValue("200ms") @NotNull Duration serviceQueueTimeout,
    @DefaultValue("false") boolean allowInsecureEndpoints,
    @Valid @DefaultValue Limits defaultService,
    Map<String, @Valid Service> services) {

  public PushProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /**
   * @param publicKey the public key, a 65-byte uncompressed P-256 point in base64url (what the
   *     citizen page subscribes with)
   * @param privateKey the private key, a 32-byte P-256 scalar in base64url: a secret
   * @param subject how a push service reaches the operator of this server, a {@code mailto:}
   *     or {@code https:} URL (default {@code mailto:alerts@tocsin.invalid}; Apple's service
   *     requires a real one)
   * @param tokenValidity how long each signed VAPID token is valid; one token is made per push
   *     service and reused until half of it has passed (default 12h, at most 24h)
   */
  public record Vapid(
      @NotBlank String publicKey,
      @NotBlank String privateKey,
      @DefaultValue("mailto:alerts@tocsin.invalid") @NotBlank String subject,
      @DefaultValue("12h") @NotNull Duration tokenValidity) {

    @Override
    public String toString() {
      return "Vapid[" + publicKey + ", " + subject + "]";
    }
  }

  /**
   * @param messagesPerSecond pushes per second to the service (default 0: no limit of our own;
   *     its 429 answers still pause it)
   * @param maxConcurrentRequests requests to it in progress at once (default 64)
   */
  public record Limits(
      @DefaultValue("0") @DecimalMin("0") double messagesPerSecond,
      @DefaultValue("64") @Min(1) @Max(10_000) int maxConcurrentRequests) {
  }

  /**
   * @param hosts host names of the service's endpoints; a host matches itself and its
   *     subdomains ({@code notify.windows.com} covers {@code wns2-par02p.notify.windows.com})
   * @param messagesPerSecond as in {@link Limits}
   * @param maxConcurrentRequests as in {@link Limits}
   */
  public record Service(
      @NotEmpty List<@NotBlank String> hosts,
      @DefaultValue("0") @DecimalMin("0") double messagesPerSecond,
      @DefaultValue("64") @Min(1) @Max(10_000) int maxConcurrentRequests) {
  }
}
