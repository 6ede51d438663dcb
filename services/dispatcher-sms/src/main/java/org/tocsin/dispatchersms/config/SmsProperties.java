package org.tocsin.dispatchersms.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SMS channel ({@code tocsin.sms.*}, or environment variables such as
 * {@code TOCSIN_SMS_PRIMARY_ACCOUNT_SID}).
 *
 * @param primary the Twilio account messages go through
 * @param secondary an optional second account that takes the traffic while the primary keeps
 *     failing (unset: no failover)
 * @param maxSegments the most SMS parts a message may take (default 2)
 * @param fullTextUrl link to the full text of an alert whose message carries none, with
 *     {@code {alertId}} and {@code {language}} placeholders (default: none)
 * @param statusCallbackUrl public URL of this service's status callback endpoint as Twilio
 *     reaches it, e.g. {@code https://sms.tocsin.example/sms/status} (behind a proxy it differs
 *     from what the service sees; signatures are checked against it). Unset: no delivery
 *     reports are asked for.
 */
@Validated
@ConfigurationProperties("tocsin.sms")
public record SmsProperties(
    @Valid @NotNull Account primary,
    @Valid Account secondary,
    @DefaultValue("2") @Min(1) @Max(10) int maxSegments,
    String fullTextUrl,
    String statusCallbackUrl) {

  /**
   * One Twilio account.
   *
   * @param name name in statuses and metrics (default {@code twilio-primary} /
   *     {@code twilio-secondary})
   * @param accountSid the account SID ({@code AC...})
   * @param authToken its auth token: authenticates requests unless an API key is set, and
   *     validates status callbacks
   * @param apiKeySid an API key SID ({@code SK...}) to authenticate with instead of the token
   * @param apiKeySecret that API key's secret
   * @param messagingServiceSid Messaging Service to send from ({@code MG...}); or
   * @param from sender: an E.164 number or an alphanumeric sender id (up to 11 characters)
   * @param apiBaseUrl where the Twilio API is reached (default: Twilio itself; e.g.
   *     {@code http://127.0.0.1:8099} for the local fake)
   * @param messagesPerSecond messages per second sent through the account (default 100; 0: no
   *     limit of our own)
   * @param maxConcurrentRequests requests in progress at once (default 32)
   * @param connectTimeout time to open a connection (default 2s)
   * @param responseTimeout time to wait for an answer (default 10s): a message whose answer
   *     never came is retried, and may then arrive twice
   */
  public record Account(
      String name,
      @NotBlank String accountSid,
      String authToken,
      String apiKeySid,
      String apiKeySecret,
      String messagingServiceSid,
      String from,
      String apiBaseUrl,
      @DefaultValue("100") @DecimalMin("0") double messagesPerSecond,
      @DefaultValue("32") @Min(1) @Max(10_000) int maxConcurrentRequests,
      @DefaultValue("2s") @NotNull Duration connectTimeout,
      @DefaultValue("10s") @NotNull Duration responseTimeout) {

    @AssertTrue(message = "needs an auth token, or an API key SID and secret")
    public boolean isAuthenticated() {
      return present(authToken) || (present(apiKeySid) && present(apiKeySecret));
    }

    @AssertTrue(message = "needs a messaging service SID or a from number or sender id")
    public boolean isSenderSet() {
      return present(messagingServiceSid) || present(from);
    }

    public String nameOr(String fallback) {
      return present(name) ? name : fallback;
    }

    @Override
    public String toString() {
      return "Account[" + accountSid + "]";
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }
  }
}
