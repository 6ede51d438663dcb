package org.tocsin.dispatcheremail.rendering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tocsin.dispatcher.alert.AlertMarking;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;

/**
 * Turns a delivery task into an e-mail: the headline as subject, then the description, the
 * instruction, a link to the alert's public page (its full text and every update) and the
 * operator's own link if the message has one, as text/plain and as HTML (every text escaped,
 * no images, no remote content). An exercise or test subject is marked in the recipient's language
 * unless it already starts so. A verification message is its description, unmarked.
 *
 * <p>The {@code Message-ID} is derived from the task id, so an e-mail sent again for the same
 * task is recognisably the same message; an update or cancel names the messages of the earlier
 * versions (deterministic task ids) in {@code References}, so mail programs thread them.
 */
public final class EmailRenderer {

  /** Longest subject; longer headlines are cut after a whole word. */
  static final int MAX_SUBJECT_LENGTH = 200;

  private static final Map<String, String> FULL_TEXT = Map.of(
      "nl", "Volledige tekst en updates", "fr", "Texte complet et mises à jour",
      "de", "Vollständiger Text und Aktualisierungen", "en", "Full text and updates");
  private static final Map<String, String> MORE = Map.of(
      "nl", "Meer informatie", "fr", "Plus d’informations", "de", "Weitere Informationen",
      "en", "More information");
  private static final Pattern BLANK_LINES = Pattern.compile("\\R\\s*\\R");
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9.\\-]");

  private final String fullTextUrl;
  private final String messageIdDomain;

  /**
   * @param fullTextUrl link to the alert's public page (its full text and updates), with
   *     {@code {alertId}} and {@code {language}} placeholders; null: no such link
   * @param messageIdDomain the domain part of every {@code Message-ID}
   */
  public EmailRenderer(String fullTextUrl, String messageIdDomain) {
    this.fullTextUrl = fullTextUrl == null || fullTextUrl.isBlank() ? null : fullTextUrl;
    this.messageIdDomain = NOT_ID.matcher(messageIdDomain).replaceAll("");
    if (this.messageIdDomain.isEmpty()) {
      throw new IllegalArgumentException("A Message-ID needs a domain");
    }
  }

  public RenderedEmail render(DeliveryTask task) {
    Message message = task.getMessage();
    String language = languageTag(message.getLanguage());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Auto-Submitted", "auto-generated");
    if (task.getKind() == TaskKind.VERIFICATION) {
      String subject = subject(message.getHeadline(), null);
      String description = orEmpty(message.getDescription());
      return new RenderedEmail(messageId(task.getTaskId()), subject, language, description,
          html(language, null, subject, List.of(description), List.of(), Map.of()),
          Collections.unmodifiableMap(headers));
    }
    String marking = AlertMarking.of(task.getStatus(), language);
    String subject = subject(message.getHeadline(), marking);
    String description = present(message.getDescription()) ? message.getDescription()
        : orEmpty(message.getShortText());
    List<String> instruction = present(message.getInstruction())
        ? List.of(message.getInstruction()) : List.of();
    Map<String, String> links = links(task, message, primaryLanguage(language));
    alertHeaders(task, headers);
    return new RenderedEmail(messageId(task.getTaskId()), subject, language,
        text(subject, description, instruction, links),
        html(language, subject, subject, List.of(description), instruction, links),
        Collections.unmodifiableMap(headers));
  }

  private void alertHeaders(DeliveryTask task, Map<String, String> headers) {
    if (task.getAlertId() != null) {
      headers.put("X-Tocsin-Alert-Id", headerValue(task.getAlertId()));
      headers.put("X-Tocsin-Alert-Version", String.valueOf(task.getAlertVersion()));
      if (task.getAlertVersion() > 1) {
        List<String> earlier = new ArrayList<>();
        for (int version = 1; version < task.getAlertVersion(); version++) {
          earlier.add(messageId(TaskIds.forAlert(task.getAlertId(), version,
              task.getSubscriberId(), Channel.EMAIL)));
        }
        headers.put("In-Reply-To", earlier.getLast());
        headers.put("References", String.join(" ", earlier));
      }
    }
    if (task.getStatus() == AlertStatus.ACTUAL
        && (task.getSeverity() == Severity.EXTREME || task.getSeverity() == Severity.SEVERE)) {
      headers.put("Importance", "high");
      headers.put("X-Priority", "1");
    }
  }

  private String messageId(String taskId) {
    return "<" + NOT_ID.matcher(taskId).replaceAll("") + "@" + messageIdDomain + ">";
  }

  /** One line (a header cannot carry line breaks), marked, at most the longest subject. */
  static String subject(String headline, String marking) {
    String subject = present(headline) ? SPACES.matcher(headline).replaceAll(" ").strip()
        : "Tocsin";
    if (marking != null && !AlertMarking.startsWith(subject, marking)) {
      subject = "[" + marking + "] " + subject;
    }
    if (subject.length() <= MAX_SUBJECT_LENGTH) {
      return subject;
    }
    int end = subject.lastIndexOf(' ', MAX_SUBJECT_LENGTH - 1);
    if (end <= (marking == null ? 0 : marking.length() + 2)) {
      end = MAX_SUBJECT_LENGTH - 1;
      if (Character.isLowSurrogate(subject.charAt(end))) {
        end--;
      }
    }
    return subject.substring(0, end).stripTrailing() + "…";
  }

  private static String text(String heading, String description, List<String> instruction,
                             Map<String, String> links) {
    StringBuilder text = new StringBuilder(heading).append("\n\n").append(description.strip());
    for (String paragraph : instruction) {
      text.append("\n\n").append(paragraph.strip());
    }
    links.forEach((label, link) -> text.append("\n\n").append(label).append(": ").append(link));
    return text.append('\n').toString();
  }

  private static String html(String language, String heading, String title,
                             List<String> description, List<String> instruction,
                             Map<String, String> links) {
    StringBuilder html = new StringBuilder(1024 + description.getFirst().length() * 2)
        .append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\">\n")
        .append("<head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>").append(escape(title)).append("</title></head>\n")
        .append("<body style=\"font-family: sans-serif; line-height: 1.4;\">\n");
    if (heading != null) {
      html.append("<h1 style=\"font-size: 1.3em;\">").append(escape(heading)).append("</h1>\n");
    }
    for (String text : description) {
      paragraphs(html, text, "");
    }
    for (String text : instruction) {
      paragraphs(html, text, " style=\"font-weight: bold;\"");
    }
    links.forEach((label, link) -> {
      html.append("<p>").append(escape(label)).append(": ");
      if (isWebLink(link)) {
        html.append("<a href=\"").append(escape(link)).append("\">").append(escape(link))
            .append("</a>");
      } else {
        html.append(escape(link));
      }
      html.append("</p>\n");
    });
    return html.append("</body>\n</html>\n").toString();
  }

  private static void paragraphs(StringBuilder html, String text, String attributes) {
    for (String paragraph : BLANK_LINES.split(text.strip())) {
      if (paragraph.isBlank()) {
        continue;
      }
      html.append("<p").append(attributes).append('>');
      String[] lines = LINE_BREAK.split(paragraph.strip());
      for (int i = 0; i < lines.length; i++) {
        html.append(i == 0 ? "" : "<br>\n").append(escape(lines[i]));
      }
      html.append("</p>\n");
    }
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** The alert's public page, then the operator's own link, each by its label. */
  private Map<String, String> links(DeliveryTask task, Message message, String language) {
    Map<String, String> links = new LinkedHashMap<>();
    if (fullTextUrl != null && task.getAlertId() != null) {
      links.put(FULL_TEXT.getOrDefault(language, FULL_TEXT.get("en")),
          fullTextUrl.replace("{alertId}", task.getAlertId())
              .replace("{language}", primaryLanguage(message.getLanguage())));
    }
    if (present(message.getWeb())) {
      links.put(MORE.getOrDefault(language, MORE.get("en")), message.getWeb().strip());
    }
    return links;
  }

  private static boolean isWebLink(String link) {
    String lower = link.toLowerCase(Locale.ROOT);
    return (lower.startsWith("https://") || lower.startsWith("http://"))
        && SPACES.matcher(link).results().findAny().isEmpty();
  }

  /** A well-formed BCP 47 tag ({@code und} if the message's is not one). */
  private static String languageTag(String tag) {
    return tag == null ? "und" : Locale.forLanguageTag(tag.strip()).toLanguageTag();
  }

  private static String primaryLanguage(String tag) {
    String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? lower : lower.substring(0, dash);
  }

  /** Printable ASCII only: a header value from an event never breaks the header block. */
  private static String headerValue(String value) {
    return value.replaceAll("[^\\x20-\\x7E]", "");
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
