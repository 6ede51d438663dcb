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
 * Everything a subscriber chooses besides contacts; a change replaces all of it.
 *
 * @param language nl, fr, de or en
 * @param locations at most 5 places
 * @param zones ids of catalogue zones to follow
 * @param declinedCategories categories not wanted; life-safety alerts come whatever this says
 * @param accessibility what the subscriber needs from a message
 */
public record PreferencesRequest(
    @NotNull @Pattern(regexp = "nl|fr|de|en") @Schema(example = "nl") String language,
    @Size(max = 5) List<@NotNull @Valid LocationRequest> locations,
    @Size(max = 200) List<@NotBlank @Size(max = 100) String> zones,
    Set<@NotNull AlertCategory> declinedCategories,
    Set<@NotNull AccessibilityNeed> accessibility) {
}
