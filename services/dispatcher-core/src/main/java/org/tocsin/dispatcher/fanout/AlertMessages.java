package org.tocsin.dispatcher.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Message;

/**
 * The texts of one alert version per recipient language: the subscriber's language if the
 * alert has it (matching on the primary language subtag, so {@code nl} takes {@code nl-BE}),
 * otherwise the alert's first language. A task carries only what its channel shows: an SMS
 * never shows the description or the instruction (up to 6,000 characters together), so SMS
 * tasks leave them out, which keeps a national fan-out's tasks small whatever the alert says.
 */
final class AlertMessages {

  private final List<Info> infos;
  private final boolean fullTexts;
  private final Map<String, Message> byLanguage = new HashMap<>();

  AlertMessages(List<Info> infos, Channel channel) {
    if (infos.isEmpty()) {
      throw new IllegalArgumentException("An alert needs at least one info block");
    }
    this.infos = infos;
    this.fullTexts = channel != Channel.SMS;
  }

  Message forLanguage(String language) {
    return byLanguage.computeIfAbsent(language, this::choose);
  }

  private Message choose(String language) {
    String wanted = primary(language);
    Info chosen = infos.getFirst();
    for (Info info : infos) {
      if (primary(info.getLanguage()).equals(wanted)) {
        chosen = info;
        break;
      }
    }
    return Message.newBuilder()
        .setLanguage(chosen.getLanguage())
        .setSenderName(chosen.getSenderName())
        .setHeadline(chosen.getHeadline())
        .setDescription(fullTexts ? chosen.getDescription() : "")
        .setInstruction(fullTexts ? chosen.getInstruction() : null)
        .setShortText(chosen.getSmsText())
        .setWeb(chosen.getWeb())
        .build();
  }

  private static String primary(String tag) {
    if (tag == null) {
      return "";
    }
    String lower = tag.trim().toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? lower : lower.substring(0, dash);
  }
}
