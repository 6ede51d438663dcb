package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.tocsin.events.v1.AccessibilityNeed;
import org.tocsin.events.v1.AlertCategory;

/**
 * A new subscription: at least one contact, and the same choices as {@link PreferencesRequest}.
 */
public record RegistrationRequest(
    @NotNull @Pattern(regexp = "nl|fr|de|en") @Schema(example = "nl") String language,
    @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid ContactRequest> contacts,
    @Size(max = 5) List<@NotNull @Valid LocationRequest> locations,
    @Size(max = 200) List<@NotBlank @Size(max = 100) String> zones,
    Set<@NotNull AlertCategory> declinedCategories,
    Set<@NotNull AccessibilityNeed> accessibility) {

  PreferencesRequest preferences() {
    return new PreferencesRequest(language, locations, zones, declinedCategories, accessibility);
  }
}
