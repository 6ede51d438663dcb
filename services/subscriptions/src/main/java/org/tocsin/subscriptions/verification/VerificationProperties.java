package org.tocsin.subscriptions.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verification and management codes ({@code tocsin.subscriptions.verification.*}).
 *
 * @param codeDigits digits of a code (default 6)
 * @param codeValidity how long a code works (default 10m)
 * @param maxAttempts wrong codes after which a code locks (default 5)
 */
@Validated
@ConfigurationProperties("tocsin.subscriptions.verification")
public record VerificationProperties(
    @DefaultValue("6") @Min(6) @Max(10) int codeDigits,
    @DefaultValue("10m") @NotNull Duration codeValidity,
    @DefaultValue("5") @Min(1) @Max(20) int maxAttempts) {
}
