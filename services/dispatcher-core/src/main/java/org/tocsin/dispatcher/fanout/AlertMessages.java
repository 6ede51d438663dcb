package org.tocsin.dispatcher.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Message;

/**
 * The texts of one alert version per recipient language: the subscriber's language if the
 * alert has it (matching on the primary language subtag, so {@code nl} takes {@code nl-BE}),
 * otherwise the alert's first language.
 */
final class AlertMessages {

  private final List<Info> infos;
  private final Map<String, Message> byLanguage = new HashMap<>();

  AlertMessages(List<Info> infos) {
    if (infos.isEmpty()) {
      throw new IllegalArgumentException("An alert needs at least one info block");
    }
    this.infos = infos;
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
        .setDescription(chosen.getDescription())
        .setInstruction(chosen.getInstruction())
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
