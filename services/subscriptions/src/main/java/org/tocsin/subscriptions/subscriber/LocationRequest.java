package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A place to receive alerts for: a label and WGS 84 coordinates in decimal degrees. */
public record LocationRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
    @Schema(example = "Home") String label,
    @NotNull @DecimalMin("-90.0") @DecimalMax("90.0")
    @Schema(example = "50.8467") Double latitude,
    @NotNull @DecimalMin("-180.0") @DecimalMax("180.0")
    @Schema(example = "4.3525") Double longitude) {
}
