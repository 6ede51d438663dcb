package org.tocsin.dispatchersms.callback;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;

/**
 * Twilio's status callbacks: the URL each message asks Twilio to report to (naming its task),
 * the check of their {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} and the
 * auth token of the account that sent the message, and their translation into
 * {@link DeliveryStatus} events: {@code delivered} becomes DELIVERED, {@code undelivered} and
 * {@code failed} become FAILED; intermediate states are not reported.
 */
public final class StatusCallbacks {

  /** An account whose callbacks are accepted. */
  public record Account(String name, String accountSid, String authToken) {
  }

  private final String publicUrl;
  private final Map<String, Account> accountsBySid;

  /**
   * @param publicUrl the endpoint's URL as Twilio reaches it, without query
   */
  public StatusCallbacks(String publicUrl, List<Account> accounts) {
    this.publicUrl = publicUrl;
    this.accountsBySid = accounts.stream()
        .filter(account -> account.authToken() != null && !account.authToken().isBlank())
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Account::accountSid,
            account -> account, (first, second) -> first));
  }

  /** The callback URL of one task's message. */
  public URI urlFor(DeliveryTask task) {
    StringBuilder url = new StringBuilder(publicUrl).append("?t=").append(encode(task.getTaskId()))
        .append("&k=").append(task.getKind().name())
        .append("&l=").append(task.getLane().name());
    if (task.getAlertId() != null) {
      url.append("&a=").append(encode(task.getAlertId()))
          .append("&v=").append(task.getAlertVersion());
    }
    return URI.create(url.toString());
  }

  /**
   * The account that signed this callback, if the signature over the public URL, the query
   * Twilio was given and the form parameters is valid.
   */
  public Optional<Account> verify(String query, Map<String, String> form, String signature) {
    if (signature == null || signature.isBlank()) {
      return Optional.empty();
    }
    Account account = accountsBySid.get(form.get("AccountSid"));
    if (account == null) {
      return Optional.empty();
    }
    String url = query == null || query.isEmpty() ? publicUrl : publicUrl + "?" + query;
    boolean valid = new RequestValidator(account.authToken()).validate(url, form, signature);
    return valid ? Optional.of(account) : Optional.empty();
  }

  /** The status a verified callback reports, if it is a final one. */
  public Optional<DeliveryStatus> statusOf(Account account, Map<String, String> query,
                                           Map<String, String> form) {
    String messageStatus = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
    String taskId = query.get("t");
    if (messageStatus == null || taskId == null) {
      return Optional.empty();
    }
    DeliveryOutcome outcome = switch (messageStatus) {
      case "delivered" -> DeliveryOutcome.DELIVERED;
      case "undelivered", "failed" -> DeliveryOutcome.FAILED;
      default -> null;
    };
    if (outcome == null) {
      return Optional.empty();
    }
    return Optional.of(DeliveryStatus.newBuilder()
        .setTaskId(taskId)
        .setOutcome(outcome)
        .setAt(Instant.now())
        .setChannel(Channel.SMS)
        .setLane(enumOrNull(Lane.class, query.get("l")))
        .setKind(Optional.ofNullable(enumOrNull(TaskKind.class, query.get("k")))
            .orElse(TaskKind.ALERT))
        .setAlertId(query.get("a"))
        .setAlertVersion(parseIntOrZero(query.get("v")))
        .setSubscriberId(null)
        .setZoneIds(List.of())
        .setAttempt(0)
        .setProvider(account.name())
        .setProviderMessageId(form.get("MessageSid"))
        .setErrorCode(form.get("ErrorCode"))
        .setReason(outcome == DeliveryOutcome.FAILED ? messageStatus : null)
        .setFanOut(null)
        .build());
  }

  private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
    try {
      return name == null ? null : Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int parseIntOrZero(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
