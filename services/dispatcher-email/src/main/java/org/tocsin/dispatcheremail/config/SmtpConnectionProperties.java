package org.tocsin.dispatcheremail.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How connections to the SMTP relay are reused ({@code tocsin.email.connections.*}); how many
 * are open at once is {@code tocsin.email.max-concurrent-connections}.
 *
 * @param maxMessages messages one connection carries before it is closed (default 100: relays
 *     commonly accept about that many per connection, and a long-lived connection spreads
 *     nothing over the relay's servers)
 * @param maxIdle time without a message after which a connection is closed (default 30s,
 *     well under the five minutes after which RFC 5321 lets a relay drop it)
 * @param checkAfterIdle time without a message after which a connection is checked with a
 *     NOOP before it carries the next one (default 1s); 0 checks before every message
 */
@Validated
@ConfigurationProperties("tocsin.email.connections")
public record SmtpConnectionProperties(
    @DefaultValue("100") @Min(1) @Max(100_000) int maxMessages,
    @DefaultValue("30s") @NotNull Duration maxIdle,
    @DefaultValue("1s") @NotNull Duration checkAfterIdle) {

  @AssertTrue(message = "max-idle must be positive")
  public boolean isMaxIdlePositive() {
    return maxIdle == null || maxIdle.isPositive();
  }

  @AssertTrue(message = "check-after-idle must not be negative")
  public boolean isCheckAfterIdleNotNegative() {
    return checkAfterIdle == null || !checkAfterIdle.isNegative();
  }
}
