package org.tocsin.alertintake.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    categories = copy(categories);
    infos = copy(infos);
    channels = copy(channels);
  }

  /** A read-only copy that, unlike List.copyOf, keeps nulls for the rules to report. */
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
