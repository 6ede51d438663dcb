package org.tocsin.subscriptions.subscriber;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A verified contact of a subscription, and (to open it) the management code sent to it.
 *
 * @param code null to ask for a code, the code to open the subscription
 */
public record ManagementCodeRequest(
    @NotNull @Valid ContactRequest contact,
    @Pattern(regexp = "\\d{6,10}", message = "must be the digits of the code") String code) {
}
