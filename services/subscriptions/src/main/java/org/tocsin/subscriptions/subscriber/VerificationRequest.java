package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** The code sent to a contact, entered by the citizen. */
public record VerificationRequest(
    @NotNull UUID contactId,
    @NotNull @Pattern(regexp = "\\d{6,10}", message = "must be the digits of the code")
    @Schema(example = "123456") String code) {
}
