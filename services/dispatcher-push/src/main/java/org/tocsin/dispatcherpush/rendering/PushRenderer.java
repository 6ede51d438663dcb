package org.tocsin.dispatcherpush.rendering;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tocsin.dispatcher.alert.AlertMarking;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.TaskKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a delivery task into the JSON a push carries to the citizen's service worker. The title
 * is the headline, marked for exercises and tests in the recipient's language unless it already
 * opens with the marking; the body names the sender, then gives the instruction and the
 * description. The plaintext stays within {@value #MAX_PAYLOAD_BYTES} bytes, so that the
 * encrypted body (one {@code aes128gcm} record: a header of 86 bytes, a padding delimiter and a
 * 16-byte tag) stays within the 4,096 bytes every push service accepts: a longer body is cut
 * after a whole word, and the notification always opens the alert's public page with the full
 * text.
 */
public final class PushRenderer {

  /** 4,096 - 86 (salt, record size, key id length, key) - 1 (delimiter) - 16 (tag). */
  public static final int MAX_PAYLOAD_BYTES = 3993;
  static final int MAX_TITLE_LENGTH = 200;
  static final String VERIFICATION_TAG = "tocsin-verification";

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String ELLIPSIS = "…";

  private final JsonMapper json = JsonMapper.builder().build();
  private final String alertPageUrl;
  private final String senderName;

  /**
   * @param alertPageUrl base URL of the public alert page ({@code <base>/alerts/<id>})
   * @param senderName the sender named when the alert names none
   */
  public PushRenderer(String alertPageUrl, String senderName) {
    this.alertPageUrl = alertPageUrl.replaceAll("/+$", "");
    this.senderName = senderName;
  }

  public PushNotification notification(DeliveryTask task) {
    Message message = task.getMessage();
    String language = message.getLanguage();
    if (task.getKind() == TaskKind.VERIFICATION) {
      return new PushNotification("verification", title(message.getHeadline(), null),
          firstPresent(message.getShortText(), message.getDescription()), VERIFICATION_TAG, null,
          language, null, 0, false);
    }
    String marking = AlertMarking.of(task.getStatus(), language);
    List<String> parts = new ArrayList<>();
    addDistinct(parts, message.getInstruction());
    addDistinct(parts, message.getDescription());
    if (parts.isEmpty()) {
      addDistinct(parts, message.getShortText());
    }
    String sender = present(message.getSenderName()) ? message.getSenderName().strip()
        : senderName;
    String body = sender + ": " + String.join("\n\n", parts);
    return new PushNotification("alert", title(message.getHeadline(), marking), body,
        task.getAlertId(), alertPage(task.getAlertId(), language), language, task.getAlertId(),
        task.getAlertVersion(), task.getLane() == Lane.HIGH);
  }

  /** The payload of this task's push: UTF-8 JSON of at most {@value #MAX_PAYLOAD_BYTES} bytes. */
  public byte[] payload(DeliveryTask task) {
    return fit(notification(task));
  }

  /** The notification as JSON, its body cut after a word until it fits. */
  byte[] fit(PushNotification notification) {
    byte[] whole = toJson(notification, notification.body());
    if (whole.length <= MAX_PAYLOAD_BYTES) {
      return whole;
    }
    String body = notification.body();
    int fits = 0;
    int tooLong = body.length();
    while (tooLong - fits > 1) {
      int middle = (fits + tooLong) >>> 1;
      if (toJson(notification, cut(body, middle)).length <= MAX_PAYLOAD_BYTES) {
        fits = middle;
      } else {
        tooLong = middle;
      }
    }
    return toJson(notification, cut(body, fits));
  }

  /** The first {@code length} characters ending after a whole word, then an ellipsis. */
  static String cut(String text, int length) {
    if (length <= 0) {
      return ELLIPSIS;
    }
    if (Character.isLowSurrogate(text.charAt(length))
        && Character.isHighSurrogate(text.charAt(length - 1))) {
      length--;
    }
    int end = length;
    if (!Character.isWhitespace(text.charAt(length))) {
      int space = lastWhitespace(text, length);
      if (space > 0) {
        end = space;
      }
    }
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  private static int lastWhitespace(String text, int before) {
    for (int i = before - 1; i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private byte[] toJson(PushNotification notification, String body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", notification.kind());
    fields.put("title", notification.title());
    fields.put("body", body);
    fields.put("tag", notification.tag());
    fields.put("renotify", true);
    fields.put("lang", notification.language());
    fields.put("requireInteraction", notification.urgent());
    if (notification.url() != null) {
      fields.put("url", notification.url());
    }
    if (notification.alertId() != null) {
      fields.put("alertId", notification.alertId());
      fields.put("version", notification.version());
    }
    return json.writeValueAsBytes(fields);
  }

  private String alertPage(String alertId, String language) {
    return alertPageUrl + "/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8)
        + "?lang=" + URLEncoder.encode(primaryLanguage(language), StandardCharsets.UTF_8);
  }

  /** One line, marked, at most {@value #MAX_TITLE_LENGTH} characters cut after a word. */
  static String title(String headline, String marking) {
    String title = present(headline) ? SPACES.matcher(headline).replaceAll(" ").strip()
        : "Tocsin";
    if (marking != null && !AlertMarking.startsWith(title, marking)) {
      title = "[" + marking + "] " + title;
    }
    return title.length() <= MAX_TITLE_LENGTH ? title : cut(title, MAX_TITLE_LENGTH - 1);
  }

  private static void addDistinct(List<String> parts, String text) {
    if (present(text) && !parts.contains(text.strip())) {
      parts.add(text.strip());
    }
  }

  private static String firstPresent(String first, String second) {
    return present(first) ? first.strip() : present(second) ? second.strip() : "";
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  private static String primaryLanguage(String tag) {
    String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? lower : lower.substring(0, dash);
  }
}
