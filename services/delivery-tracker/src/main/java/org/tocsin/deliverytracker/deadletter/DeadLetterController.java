package org.tocsin.deliverytracker.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tocsin.deliverytracker.quarantine.QuarantineEntry;
import org.tocsin.deliverytracker.quarantine.QuarantineView;
import org.tocsin.deliverytracker.security.TokenRoles;
import org.tocsin.events.v1.Channel;

/** Dead letters per channel with their reasons, their replay (audited), and the quarantine. */
@RestController
@RequestMapping("/api/v1/deliveries")
@Validated
@Tag(name = "dead letters")
public class DeadLetterController {

  private final DeadLetters letters;
  private final DeadLetterReplay replay;
  private final QuarantineView quarantine;

  public DeadLetterController(DeadLetters letters, DeadLetterReplay replay,
                              QuarantineView quarantine) {
    this.letters = letters;
    this.replay = replay;
    this.quarantine = quarantine;
  }

  @Operation(summary = "Dead letters, newest first, with why they failed (never the contact)")
  @GetMapping("/dead-letters")
  public List<DeadLetter> deadLetters(@RequestParam(required = false) Channel channel,
                                      @RequestParam(required = false)
                                      @Pattern(regexp = "[A-Za-z0-9._:-]{1,200}") String alertId,
                                      @RequestParam(defaultValue = "false") boolean waitingOnly,
                                      @RequestParam(defaultValue = "500") @Min(1) @Max(10_000)
                                      int limit) {
    return letters.list(channel, alertId, waitingOnly, limit);
  }

  @Operation(summary = "Replay the dead letters listed, or all of one alert's not replayed yet, "
      + "to their lane; tasks a provider accepted already are refused. Audited.")
  @PostMapping("/dead-letters/replays")
  public ReplayReport replay(@RequestBody @Valid ReplayRequest request,
                             Authentication authentication) {
    if (!request.selectsOne()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Give either the dead letters to replay or an alert id, not both");
    }
    return replay.replay(TokenRoles.person(authentication), request);
  }

  @Operation(summary = "The audit of replays, newest first")
  @GetMapping("/dead-letters/replays")
  public List<ReplayAudit> replays(@RequestParam(defaultValue = "100") @Min(1) @Max(10_000)
                                   int limit) {
    return letters.replays(limit);
  }

  @Operation(summary = "Records in the quarantine (metadata: origin, consumer, reason)")
  @GetMapping("/quarantine")
  public List<QuarantineEntry> quarantine(@RequestParam(defaultValue = "500") @Min(1)
                                          @Max(10_000) int limit) {
    return quarantine.recent(limit);
  }
}
