package org.tocsin.dispatchersms.rendering;

import java.util.Locale;
import org.tocsin.dispatcher.alert.AlertMarking;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.TaskKind;

/**
 * Turns a delivery task into the body of an SMS that fits a number of parts. An exercise or test
 * is marked at the start of the text in the recipient's language unless it already starts so,
 * so that no truncation can remove the marking. A text that does not fit is cut at the last word
 * that fits (never inside a word or a character, unless a single word is longer than the room),
 * followed by an ellipsis and the link to the full text. A verification message is sent as it
 * is.
 */
public final class SmsRenderer {


  private final int maxSegments;
  private final String fullTextUrl;

  /**
   * @param maxSegments the most SMS parts a message may take
   * @param fullTextUrl link to the full text when a task's message has none, with
   *     {@code {alertId}} and {@code {language}} placeholders; null: no link
   */
  public SmsRenderer(int maxSegments, String fullTextUrl) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("A message needs at least one SMS part");
    }
    this.maxSegments = maxSegments;
    this.fullTextUrl = fullTextUrl == null || fullTextUrl.isBlank() ? null : fullTextUrl;
  }

  public String render(DeliveryTask task) {
    Message message = task.getMessage();
    if (task.getKind() == TaskKind.VERIFICATION) {
      return message.getShortText();
    }
    String text = message.getShortText() == null || message.getShortText().isBlank()
        ? message.getHeadline() : message.getShortText().strip();
    String marking = AlertMarking.of(task.getStatus(), message.getLanguage());
    if (marking != null && !AlertMarking.startsWith(text, marking)) {
      text = marking + ": " + text;
    }
    return fit(text, link(task, message), marking == null ? 0 : marking.length());
  }

  /** The text as is if it fits; otherwise cut after a whole word, an ellipsis and the link. */
  String fit(String text, String link, int keep) {
    if (SmsEncoding.segments(text) <= maxSegments) {
      return text;
    }
    if (link != null) {
      String linked = cut(text, link, keep);
      if (linked != null) {
        return linked;
      }
    }
    String bare = cut(text, null, keep);
    return bare != null ? bare : hardCut(text);
  }

  private String cut(String text, String link, int keep) {
    String ellipsis = SmsEncoding.of(text) == SmsEncoding.GSM_7 ? "..." : "…";
    String suffix = link == null ? ellipsis : ellipsis + " " + link;
    int low = keep;
    int best = -1;
    int high = text.length();
    // Longest prefix ending at a word boundary that fits with the suffix.
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int end = wordEndAtOrBefore(text, middle, keep);
      if (end >= keep && SmsEncoding.segments(text.substring(0, end).stripTrailing() + suffix)
          <= maxSegments) {
        best = Math.max(best, end);
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (best <= keep) {
      return null;
    }
    return text.substring(0, best).stripTrailing() + suffix;
  }

  /** The end of the last whole word within {@code text[0, limit)}. */
  private static int wordEndAtOrBefore(String text, int limit, int keep) {
    if (limit >= text.length()) {
      return text.length();
    }
    for (int i = limit; i > keep; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return keep;
  }

  /** A single word longer than the room: cut between characters, never inside one. */
  private String hardCut(String text) {
    String ellipsis = SmsEncoding.of(text) == SmsEncoding.GSM_7 ? "..." : "…";
    int end = 0;
    while (end < text.length()) {
      int next = end + SmsEncoding.unitsAt(text, end);
      if (SmsEncoding.segments(text.substring(0, next) + ellipsis) > maxSegments) {
        break;
      }
      end = next;
    }
    return text.substring(0, end) + ellipsis;
  }

  private String link(DeliveryTask task, Message message) {
    if (message.getWeb() != null && !message.getWeb().isBlank()) {
      return message.getWeb().strip();
    }
    if (fullTextUrl == null || task.getAlertId() == null) {
      return null;
    }
    return fullTextUrl.replace("{alertId}", task.getAlertId())
        .replace("{language}", primaryLanguage(message.getLanguage()));
  }

  private static String primaryLanguage(String tag) {
    String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? lower : lower.substring(0, dash);
  }
}
