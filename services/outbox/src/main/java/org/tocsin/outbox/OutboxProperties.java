package org.tocsin.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the transactional outbox ({@code tocsin.outbox.*}).
 *
 * @param relayEnabled whether this instance relays the outbox to Kafka (default true; one
 *     instance at a time does, chosen by a PostgreSQL advisory lock)
 * @param batchSize events published per Kafka transaction (default 500)
 * @param pollInterval how long the relay waits for a commit notification before looking anyway
 *     (default 1s)
 * @param minBackoff first pause after a failure to publish (default 200ms), doubled up to
 * @param maxBackoff the longest pause between attempts (default 10s)
 * @param maxEventBytes largest serialized event accepted (default 1,000,000: under Kafka's
 *     default message size limit)
 * @param transactionalId Kafka transactional id of the relay (default
 *     {@code <spring.application.name>-outbox})
 * @param leaderHandoverAfter how long the relaying instance keeps failing to publish before it
 *     releases the lock, so that an instance whose broker link works takes over (default 30s)
 */
@Validated
@ConfigurationProperties("tocsin.outbox")
public record OutboxProperties(
    @DefaultValue("true") boolean relayEnabled,
    @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("1s") @NotNull Duration pollInterval,
    @DefaultValue("200ms") @NotNull Duration minBackoff,
    @DefaultValue("10s") @NotNull Duration maxBackoff,
    @DefaultValue("1000000") @Min(1024) int maxEventBytes,
    String transactionalId,
    @DefaultValue("30s") @NotNull Duration leaderHandoverAfter) {
}
