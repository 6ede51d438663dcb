package org.tocsin.deliverytracker.deadletter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.tocsin.events.v1.Channel;

/**
 * A replay: either the dead letters listed, or all of one alert's that were not replayed yet
 * (on one channel if given). Never both, never neither.
 *
 * @param reason why, for the audit
 */
public record ReplayRequest(@NotBlank @Size(max = 500) String reason,
                            @Size(max = 10_000) List<@Valid DeadLetterKey> letters,
                            @Pattern(regexp = "[A-Za-z0-9._:-]{1,200}") String alertId,
                            Channel channel) {

  public boolean selectsOne() {
    return (letters != null && !letters.isEmpty()) != (alertId != null);
  }
}
