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
import org.tocsin.events.v1.ResponseType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;

/**
 * What an alert says and where, as the operator gave it (texts of EXERCISE and TEST already
 * marked). The first info is the default language.
 *
 * @param note the CAP note: for partners and the record, never part of a text for citizens
 * @param responseTypes the CAP responseTypes; ALL_CLEAR when the danger is over
 */
public record AlertContent(AlertStatus status, List<AlertCategory> categories, String event,
                           Urgency urgency, Severity severity, Certainty certainty,
                           Instant effective, Instant expires, List<InfoText> infos,
                           AreaSpec area, List<Channel> channels, String note,
                           List<ResponseType> responseTypes) {

  public AlertContent {
    categories = copy(categories);
    infos = copy(infos);
    channels = copy(channels);
    responseTypes = copy(responseTypes);
  }

  /** Content that recommends no particular response. */
  public AlertContent(AlertStatus status, List<AlertCategory> categories, String event,
                      Urgency urgency, Severity severity, Certainty certainty, Instant effective,
                      Instant expires, List<InfoText> infos, AreaSpec area, List<Channel> channels,
                      String note) {
    this(status, categories, event, urgency, severity, certainty, effective, expires, infos, area,
        channels, note, List.of());
  }

  /** A read-only copy that, unlike List.copyOf, keeps nulls for the rules to report. */
  private static <T> List<T> copy(List<T> list) {
    return list == null ? Collections.emptyList()
        : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
