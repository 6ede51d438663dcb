package org.tocsin.alertintake.alert;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.alertintake.text.UnsafeCharacters;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;

/**
 * Checks an alert's content and puts it in the form it is kept and sent in: times to the
 * second, default effective and expiry, default channels, EXERCISE and TEST texts marked. Every
 * limit applies to the text as sent, marking included.
 */
final class AlertContentRules {

  private final AlertProperties properties;
  private final Marking marking;

  AlertContentRules(AlertProperties properties, Marking marking) {
    this.properties = properties;
    this.marking = marking;
  }

  AlertContent normalise(AlertContent content, Instant now, Violations violations) {
    AlertStatus status = content.status();
    if (status == null) {
      violations.add("status", "is required: ACTUAL, EXERCISE or TEST");
    } else if (status == AlertStatus.SYSTEM) {
      violations.add("status", "SYSTEM is internal to Tocsin: use ACTUAL, EXERCISE or TEST");
    }
    if (content.categories().isEmpty()) {
      violations.add("categories", "needs at least one CAP category");
    } else if (content.categories().contains(null)) {
      violations.add("categories", "must not contain null");
    }
    text(content.event(), "event", properties.eventMaxLength(), true, violations);
    if (content.urgency() == null) {
      violations.add("urgency", "is required");
    }
    if (content.severity() == null) {
      violations.add("severity", "is required");
    }
    if (content.certainty() == null) {
      violations.add("certainty", "is required");
    }
    Instant effective = content.effective() == null ? now
        : content.effective().truncatedTo(ChronoUnit.SECONDS);
    Instant start = effective.isAfter(now) ? effective : now;
    Instant expires = content.expires() == null
        ? start.plus(properties.defaultLifetime())
        : content.expires().truncatedTo(ChronoUnit.SECONDS);
    if (!expires.isAfter(now)) {
      violations.add("expires", "is in the past (" + expires + ")");
    } else if (expires.isAfter(now.plus(properties.maxLifetime()))) {
      violations.add("expires", "is more than " + properties.maxLifetime().toHours()
          + " hours from now");
    } else if (!expires.isAfter(effective)) {
      violations.add("expires", "must be after effective (" + effective + ")");
    }
    List<InfoText> infos = status == null || status == AlertStatus.SYSTEM ? content.infos()
        : infos(content.infos(), status, violations);
    List<Channel> channels = content.channels().isEmpty() ? Arrays.asList(Channel.values())
        : content.channels();
    if (channels.contains(null)) {
      violations.add("channels", "must not contain null");
    } else if (new LinkedHashSet<>(channels).size() != channels.size()) {
      violations.add("channels", "names a channel twice");
    }
    text(content.note(), "note", properties.noteMaxLength(), false, violations);
    if (content.responseTypes().contains(null)) {
      violations.add("responseTypes", "must not contain null");
    } else if (new LinkedHashSet<>(content.responseTypes()).size()
        != content.responseTypes().size()) {
      violations.add("responseTypes", "names a response type twice");
    }
    return new AlertContent(status, content.categories(), strip(content.event()),
        content.urgency(), content.severity(), content.certainty(), effective, expires, infos,
        content.area(), channels, strip(content.note()), content.responseTypes());
  }

  private List<InfoText> infos(List<InfoText> given, AlertStatus status, Violations violations) {
    List<String> allowed = properties.allLanguages();
    if (given.isEmpty()) {
      violations.add("infos", "needs a text in each of " + properties.languages());
      return given;
    }
    Set<String> seen = new LinkedHashSet<>();
    List<InfoText> marked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      InfoText info = given.get(i);
      String field = "infos[" + i + "]";
      if (info == null) {
        violations.add(field, "must not be null");
        continue;
      }
      if (info.language() == null || !allowed.contains(info.language())) {
        violations.add(field + ".language", "must be one of " + allowed + ", not '"
            + info.language() + "'");
        continue;
      }
      if (!seen.add(info.language())) {
        violations.add(field + ".language", "'" + info.language() + "' appears twice");
        continue;
      }
      InfoText sent = marking.mark(status, new InfoText(info.language(), strip(info.senderName()),
          strip(info.headline()), strip(info.description()), strip(info.instruction()),
          strip(info.smsText()), strip(info.web())));
      text(sent.headline(), field + ".headline", properties.headlineMaxLength(), true,
          violations);
      text(sent.description(), field + ".description", properties.descriptionMaxLength(), true,
          violations);
      text(sent.instruction(), field + ".instruction", properties.instructionMaxLength(), false,
          violations);
      text(sent.smsText(), field + ".smsText", properties.smsTextMaxLength(), true, violations);
      text(sent.senderName(), field + ".senderName", 200, false, violations);
      web(sent.web(), field + ".web", violations);
      marked.add(sent);
    }
    for (String required : properties.languages()) {
      if (!seen.contains(required)) {
        violations.add("infos", "has no text in required language '" + required + "'");
      }
    }
    return marked;
  }

  private static void text(String value, String field, int max, boolean required,
                           Violations violations) {
    if (value == null || value.isBlank()) {
      if (required) {
        violations.add(field, "is required");
      }
      return;
    }
    if (value.length() > max) {
      violations.add(field, "is " + value.length() + " characters (marking included); at most "
          + max);
    }
    UnsafeCharacters.problem(value).ifPresent(problem -> violations.add(field, problem));
  }

  private static void web(String web, String field, Violations violations) {
    if (web == null) {
      return;
    }
    try {
      URI uri = URI.create(web);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null || web.length() > 500) {
        violations.add(field, "must be an http(s) URL of at most 500 characters");
      }
    } catch (IllegalArgumentException e) {
      violations.add(field, "is not a URL");
    }
  }

  private static String strip(String text) {
    if (text == null) {
      return null;
    }
    String stripped = text.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
