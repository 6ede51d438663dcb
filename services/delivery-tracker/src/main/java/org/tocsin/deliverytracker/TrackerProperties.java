package org.tocsin.deliverytracker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tocsin.events.v1.Channel;

/**
 * How the delivery tracker counts and warns ({@code tocsin.tracker.*}).
 *
 * @param channels the channels that run a dispatcher: each must write a fan-out report for
 *     every alert version (default SMS, EMAIL, PUSH)
 * @param finalStatusChannels channels whose provider reports delivery after SENT (default SMS)
 * @param checkpointInterval how often figures and offsets are stored together (default 2s)
 * @param topicPartitions partitions of the topics the tracker creates if missing (default 6)
 * @param replicationFactor their replication factor (default 1; 3 in production)
 * @param warnings when a warning is raised
 * @param finalStatus when a SENT message without a final status is listed and checked
 * @param retention how long what the tracker knows is kept
 * @param lookup per-recipient look-up limits
 */
@Validated
@ConfigurationProperties("tocsin.tracker")
public record TrackerProperties(
    @DefaultValue({"SMS", "EMAIL", "PUSH"}) @NotEmpty Set<Channel> channels,
    @DefaultValue("SMS") @NotNull Set<Channel> finalStatusChannels,
    @DefaultValue("2s") @NotNull Duration checkpointInterval,
    @DefaultValue("6") @Min(1) int topicPartitions,
    @DefaultValue("1") @Min(1) short replicationFactor,
    @DefaultValue @Valid @NotNull Warnings warnings,
    @DefaultValue @Valid @NotNull FinalStatus finalStatus,
    @DefaultValue @Valid @NotNull Retention retention,
    @DefaultValue @Valid @NotNull Lookup lookup) {

  /**
   * @param stallAfter an alert with pending work and no task finished for this long is stalled
   *     (default 30s)
   * @param fanOutReportAfter an ACTUAL alert version with no fan-out report from a channel
   *     this long after it was published (default 60s)
   * @param laneGrowthWindow a lane whose backlog grew over this whole window (default 60s)
   * @param providerWindow the recent window a provider's error rate and latency are taken over
   *     (default 60s), compared with the alert's whole send
   * @param providerJump how many times worse than before is a jump (default 3)
   * @param providerMinErrorRate below this error rate there is no warning (default 0.1)
   * @param providerMinAttempts attempts needed in the window before judging (default 20)
   * @param providerMinLatency below this delivery latency (p90) there is no warning (default 10s)
   */
  public record Warnings(@DefaultValue("30s") @NotNull Duration stallAfter,
                         @DefaultValue("60s") @NotNull Duration fanOutReportAfter,
                         @DefaultValue("60s") @NotNull Duration laneGrowthWindow,
                         @DefaultValue("60s") @NotNull Duration providerWindow,
                         @DefaultValue("3") @DecimalMin("1") double providerJump,
                         @DefaultValue("0.1") @DecimalMin("0") double providerMinErrorRate,
                         @DefaultValue("20") @Min(1) int providerMinAttempts,
                         @DefaultValue("10s") @NotNull Duration providerMinLatency) {
  }

  /**
   * @param after a SENT message of a final-status channel without DELIVERED or FAILED this long
   *     is listed and its provider asked (default 10m)
   * @param checkEvery how often such a message is asked about again (default 30m)
   * @param maxChecks how many times at most (default 6)
   */
  public record FinalStatus(@DefaultValue("10m") @NotNull Duration after,
                            @DefaultValue("30m") @NotNull Duration checkEvery,
                            @DefaultValue("6") @Min(1) int maxChecks) {
  }

  /**
   * @param taskStates task states are kept this long after their alert expired, for late
   *     delivery reports (default 3d); the figures stay
   * @param alerts alerts and their figures are kept this long after they expired (default 400d)
   */
  public record Retention(@DefaultValue("3d") @NotNull Duration taskStates,
                          @DefaultValue("400d") @NotNull Duration alerts) {
  }

  /**
   * @param maxRecords the most task records one look-up reads (default 2000000)
   * @param timeout the longest one look-up takes (default 20s)
   */
  public record Lookup(@DefaultValue("2000000") @Min(1) long maxRecords,
                       @DefaultValue("20s") @NotNull Duration timeout) {
  }
}
