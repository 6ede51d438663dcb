package org.tocsin.dispatcher.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tocsin.events.topics.TopicNames;

/**
 * Settings of a channel dispatcher ({@code tocsin.*}); every one can be set by environment
 * variable, e.g. {@code TOCSIN_DISPATCHER_SENDING_MAX_ATTEMPTS}.
 *
 * @param topics topic names ({@code tocsin.topics.*}, defaults in {@link TopicNames})
 * @param dispatcher the dispatcher's own settings
 */
@Validated
@ConfigurationProperties("tocsin")
public record DispatcherProperties(TopicNames topics, @Valid @DefaultValue Dispatcher dispatcher) {

  public DispatcherProperties {
    topics = topics == null ? TopicNames.defaults() : topics;
  }

  /**
   * @param instanceId stable, unique name of this instance, part of its Kafka transactional ids
   *     and static group member ids so that a restarted instance fences its crashed predecessor
   *     at once (default: generated once and kept in {@code stateDirectory})
   * @param topicPartitions partitions of the topics this dispatcher creates if missing
   *     (default 6)
   * @param topicReplicationFactor their replication factor (default 1; 3 in production)
   * @param fanOut fan-out settings
   * @param sending sending settings
   * @param stateDirectory where a generated instance id is kept (default
   *     {@code ~/.tocsin/<spring.application.name>})
   * @param lease the lease that keeps a second live process from using the same instance id
   * @param lateSubscribers how alerts in force reach people who come into their area later
   */
  public record Dispatcher(
      String instanceId,
      @DefaultValue("6") @Min(1) int topicPartitions,
      @DefaultValue("1") @Min(1) short topicReplicationFactor,
      @Valid @DefaultValue FanOut fanOut,
      @Valid @DefaultValue Sending sending,
      Path stateDirectory,
      @Valid @DefaultValue Lease lease,
      @Valid @DefaultValue LateSubscribers lateSubscribers) {
  }

  /**
   * @param lookBack when this instance takes an alert's fan-out over (at start, or from an
   *     instance that left), the subscribers whose latest change was recorded since the alert
   *     was sent, less this, are checked against it (default 1m: more than the producers'
   *     transaction timeout and the clock skew between services)
   */
  public record LateSubscribers(@DefaultValue("1m") @NotNull Duration lookBack) {
  }

  /**
   * @param sessionTimeout how long after the holder of an instance id died another process
   *     with that id takes over (default 10s; the broker accepts 6s to 30m by default)
   */
  public record Lease(@DefaultValue("10s") @NotNull Duration sessionTimeout) {
  }

  /**
   * @param chunkSize tasks per Kafka transaction of a fan-out (default 20,000); the first chunk
   *     holds at most 1,000, so that senders start early
   * @param groupId prefix of the fan-outs' consumer groups, one per lane ({@code -high},
   *     {@code -normal}; default {@code <spring.application.name>-fan-out})
   * @param ledgerWait how long a correction's fan-out waits for the send ledger to have read
   *     every status stored so far before it takes the earlier versions' recipients from it
   *     (default 5s; it goes on after that, when the delivery-status topic cannot be read)
   */
  public record FanOut(@DefaultValue("20000") @Min(1) @Max(1_000_000) int chunkSize,
                       String groupId,
                       @DefaultValue("5s") @NotNull Duration ledgerWait) {
  }

  /**
   * @param maxAttempts provider calls per task before it is dead-lettered; 429 answers do not
   *     count (default 6)
   * @param firstRetryDelay delay before the second attempt, doubled for each further one, with
   *     ±20% jitter (default 1s)
   * @param maxRetryDelay longest delay between attempts (default 1m)
   * @param inFlightWindow most tasks between the start of their provider call and their status
   *     stored: the bound on messages sent twice after a crash while the delivery-status topic
   *     takes statuses (default 256)
   * @param maxUnfinishedPerLane tasks read from a lane and neither sent nor ended, above which
   *     the lane stops fetching (default 2000)
   * @param groupIdPrefix prefix of the senders' consumer groups, one per lane (default
   *     {@code <spring.application.name>-send})
   * @param alertGrace how long the ledger remembers the tasks of an alert after it ended, and
   *     how far back it reads statuses at start when no alert is in force (default 1h)
   * @param failover circuit breaker in front of the primary provider account
   * @param statusBuffer statuses that may wait, in memory, while the delivery-status topic does
   *     not take them (default 50,000); sending stops when that many wait
   * @param statusOutageAfter how long a status may take to be stored before sending goes on
   *     without waiting for it (default 5s): until then a sent task holds its in-flight window
   *     permit, after it only its place in the status buffer
   */
  public record Sending(
      @DefaultValue("6") @Min(1) @Max(100) int maxAttempts,
      @DefaultValue("1s") @NotNull Duration firstRetryDelay,
      @DefaultValue("1m") @NotNull Duration maxRetryDelay,
      @DefaultValue("256") @Min(1) int inFlightWindow,
      @DefaultValue("2000") @Min(1) int maxUnfinishedPerLane,
      String groupIdPrefix,
      @DefaultValue("1h") @NotNull Duration alertGrace,
      @Valid @DefaultValue Failover failover,
      @DefaultValue("50000") @Min(1) int statusBuffer,
      @DefaultValue("5s") @NotNull Duration statusOutageAfter) {
  }

  /**
   * Resilience4j circuit breaker on the primary account (only with a secondary account).
   *
   * @param failureRateThreshold percentage of failed calls that opens it (default 50)
   * @param slidingWindowSize calls it judges by (default 20)
   * @param minimumNumberOfCalls calls before it judges at all (default 10)
   * @param waitInOpenState how long traffic stays on the secondary before trial calls to the
   *     primary (default 30s)
   * @param permittedCallsInHalfOpenState trial calls that decide whether the primary is back
   *     (default 5)
   */
  public record Failover(
      @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
      @DefaultValue("20") @Min(1) int slidingWindowSize,
      @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
      @DefaultValue("30s") @NotNull Duration waitInOpenState,
      @DefaultValue("5") @Min(1) int permittedCallsInHalfOpenState) {
  }
}
