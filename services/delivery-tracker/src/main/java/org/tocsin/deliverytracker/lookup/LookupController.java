package org.tocsin.deliverytracker.lookup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tocsin.deliverytracker.security.TokenRoles;

/** Per-recipient look-up for support, and its audit. */
@RestController
@RequestMapping("/api/v1/deliveries")
@Validated
@Tag(name = "look-ups")
public class LookupController {

  private final RecipientLookup lookup;
  private final JdbcTemplate jdbc;

  public LookupController(RecipientLookup lookup, JdbcTemplate jdbc) {
    this.lookup = lookup;
    this.jdbc = jdbc;
  }

  @Operation(summary = "What happened to one contact for one alert (shown masked; audited). "
      + "POST so that the contact is never in a URL or an access log.")
  @PostMapping("/{alertId}/lookups")
  public LookupResult lookUp(@PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,200}")
                             String alertId, @RequestBody @Valid LookupRequest request,
                             Authentication authentication) {
    return lookup.lookUp(TokenRoles.person(authentication), alertId, request).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + alertId + " known"));
  }

  @Operation(summary = "The audit of look-ups, newest first (contacts masked)")
  @GetMapping("/lookups")
  public List<Map<String, Object>> audit(@RequestParam(defaultValue = "100") @Min(1)
                                         @Max(10_000) int limit) {
    return jdbc.queryForList("select looked_up_at, person, subject, alert_id, channel,"
        + " masked_contact, found from lookups order by looked_up_at desc limit ?", limit);
  }
}
