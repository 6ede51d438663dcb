package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.rejection.Violations;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.ResponseType;

/**
 * The content of a CANCEL and of an all-clear: the alert's status, categories, event, urgency,
 * severity, certainty, area and channels, with the prepared texts in every language (for a
 * CANCEL, the operator's own texts where given), deliverable from now for
 * {@code tocsin.alerts.cancel-lifetime}. A reason is the CAP note, never part of a text.
 */
@Component
class PreparedMessages {

  private final AlertProperties properties;
  private final PreparedTexts texts;
  private final Marking marking;
  private final AlertChecks checks;

  PreparedMessages(AlertProperties properties, AlertChecks checks) {
    this.properties = properties;
    this.texts = new PreparedTexts(properties.cancelTexts(), properties.allClearTexts(),
        properties.allLanguages());
    this.marking = new Marking(properties.marking(), properties.allLanguages());
    this.checks = checks;
  }

  /**
   * The CANCEL of a message.
   *
   * @param own the operator's own texts for some languages, or none
   */
  AlertContent cancel(AlertVersion cancelled, String note, List<InfoText> own, Instant now) {
    List<String> languages = cancelled.content().infos().stream().map(InfoText::language)
        .toList();
    Violations unknown = new Violations();
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i) == null || !languages.contains(own.get(i).language())) {
        unknown.add("infos[" + i + "].language", "must be one of the alert's languages "
            + languages);
      }
    }
    unknown.throwIfAny("The cancel texts are invalid");
    Map<String, InfoText> byLanguage = own.stream()
        .collect(Collectors.toMap(InfoText::language, Function.identity(), (a, b) -> a));
    return prepared(PreparedTexts.Kind.CANCEL, cancelled, note, byLanguage, List.of(), now);
  }

  /** The all-clear of a message: an UPDATE with responseType ALL_CLEAR. */
  AlertContent allClear(AlertVersion cleared, String note, Instant now) {
    return prepared(PreparedTexts.Kind.ALL_CLEAR, cleared, note, Map.of(),
        List.of(ResponseType.ALL_CLEAR), now);
  }

  private AlertContent prepared(PreparedTexts.Kind kind, AlertVersion earlier, String note,
                                Map<String, InfoText> own, List<ResponseType> responseTypes,
                                Instant now) {
    AlertContent content = earlier.content();
    AlertStatus status = content.status();
    List<InfoText> infos = new ArrayList<>();
    for (InfoText info : content.infos()) {
      InfoText text = own.get(info.language());
      if (text == null) {
        int prefix = marking.prefix(status, info.language()).length();
        text = texts.text(kind, info, content.event(), earlier.area().description(),
            properties.headlineMaxLength() - prefix, properties.smsTextMaxLength() - prefix);
      }
      infos.add(text);
    }
    AlertContent message = new AlertContent(status, content.categories(), content.event(),
        content.urgency(), content.severity(), content.certainty(), now,
        now.plus(properties.cancelLifetime()), infos, content.area(), content.channels(), note,
        responseTypes);
    return checks.normalised(message, now, kind == PreparedTexts.Kind.CANCEL
        ? "The cancel texts are invalid" : "The all-clear texts are invalid");
  }
}
