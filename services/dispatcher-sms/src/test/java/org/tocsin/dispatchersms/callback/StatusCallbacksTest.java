package org.tocsin.dispatchersms.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Lane;

class StatusCallbacksTest {

  static {
    EventTypes.all();
  }

  private static final String PUBLIC_URL = "https://sms.tocsin.example/sms/status";
  private final StatusCallbacks callbacks = new StatusCallbacks(PUBLIC_URL, List.of(
      new StatusCallbacks.Account("twilio-primary", "AC1", "token-1"),
      new StatusCallbacks.Account("twilio-secondary", "AC2", "token-2")));

  private final String query = "t=task-1&k=ALERT&l=HIGH&a=alert-7&v=2";
  private final Map<String, String> form = Map.of("AccountSid", "AC2", "MessageSid", "SM1",
      "MessageStatus", "undelivered", "ErrorCode", "30003");

  @Test
  void acceptsASignatureOverThePublicUrlWithTheSendingAccountsToken() {
    String signature = sign("token-2", PUBLIC_URL + "?" + query, form);
    assertThat(callbacks.verify(query, form, signature))
        .hasValueSatisfying(account -> assertThat(account.name()).isEqualTo("twilio-secondary"));
  }

  @Test
  void refusesOtherTokensOtherUrlsTamperedFormsAndUnknownAccounts() {
    assertThat(callbacks.verify(query, form, sign("token-1", PUBLIC_URL + "?" + query, form)))
        .isEmpty();
    assertThat(callbacks.verify(query, form,
        sign("token-2", "http://10.0.0.5:8083/sms/status?" + query, form))).isEmpty();
    Map<String, String> tampered = new TreeMap<>(form);
    tampered.put("MessageStatus", "delivered");
    assertThat(callbacks.verify(query, tampered, sign("token-2", PUBLIC_URL + "?" + query, form)))
        .isEmpty();
    Map<String, String> stranger = new TreeMap<>(form);
    stranger.put("AccountSid", "AC9");
    assertThat(callbacks.verify(query, stranger,
        sign("token-2", PUBLIC_URL + "?" + query, stranger))).isEmpty();
    assertThat(callbacks.verify(query, form, null)).isEmpty();
  }

  @Test
  void turnsFinalStatesIntoDeliveryStatusesAndIgnoresTheOthers() {
    StatusCallbacks.Account account = new StatusCallbacks.Account("twilio-secondary", "AC2", "t");
    DeliveryStatus failed = callbacks.statusOf(account,
        Map.of("t", "task-1", "k", "ALERT", "l", "HIGH", "a", "alert-7", "v", "2"), form)
        .orElseThrow();
    assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
    assertThat(failed.getTaskId()).isEqualTo("task-1");
    assertThat(failed.getLane()).isEqualTo(Lane.HIGH);
    assertThat(failed.getAlertVersion()).isEqualTo(2);
    assertThat(failed.getErrorCode()).isEqualTo("30003");
    assertThat(failed.getProvider()).isEqualTo("twilio-secondary");

    assertThat(callbacks.statusOf(account, Map.of("t", "task-1"),
        Map.of("MessageStatus", "delivered"))).hasValueSatisfying(
            status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED));
    assertThat(callbacks.statusOf(account, Map.of("t", "task-1"),
        Map.of("MessageStatus", "sent"))).isEmpty();
  }

  /** Twilio's signature: HMAC-SHA1 of the URL followed by the sorted form parameters. */
  static String sign(String token, String url, Map<String, String> form) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
