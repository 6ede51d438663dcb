package org.tocsin.deliverytracker.live;

import java.time.Instant;
import java.util.List;
import org.tocsin.deliverytracker.warnings.Warning;

/** What the dashboard shows at one moment: recent alerts' progress and the warnings. */
public record LiveSnapshot(Instant at, boolean caughtUp, List<AlertProgress> alerts,
                           List<Warning> warnings) {

  public static LiveSnapshot empty() {
    return new LiveSnapshot(Instant.EPOCH, false, List.of(), List.of());
  }
}
