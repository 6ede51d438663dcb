package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.List;
import org.tocsin.alertintake.area.AreaSpec;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * What an alert says and where, as the operator gave it (texts of EXERCISE and TEST already
 * marked). The first info is the default language.
 */
public record AlertContent(AlertStatus status, List<AlertCategory> categories, String event,
                           Urgency urgency, Severity severity, Certainty certainty,
                           Instant effective, Instant expires, List<InfoText> infos,
                           AreaSpec area, List<Channel> channels, String note) {

  public AlertContent {
    categories = categories == null ? List.of() : List.copyOf(categories);
    infos = infos == null ? List.of() : List.copyOf(infos);
    channels = channels == null ? List.of() : List.copyOf(channels);
  }
}
