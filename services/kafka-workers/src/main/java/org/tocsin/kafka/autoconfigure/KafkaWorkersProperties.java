package org.tocsin.kafka.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.worker.RestartBackOff;

/**
 * How Tocsin's services use Kafka ({@code tocsin.kafka.*}).
 *
 * @param timeouts the time limits of every client
 * @param restart the pauses of a polling worker between failed sessions
 */
@Validated
@ConfigurationProperties("tocsin.kafka")
public record KafkaWorkersProperties(@Valid @DefaultValue Timeouts timeouts,
                                     @Valid @DefaultValue Restart restart) {

  /**
   * See {@link ClientTimeouts}.
   *
   * @param request {@code request.timeout.ms} of every client (default 10s)
   * @param maxBlock {@code max.block.ms} of every producer (default 10s)
   * @param delivery {@code delivery.timeout.ms} of every producer (default 30s)
   * @param transaction {@code transaction.timeout.ms} of transactional producers (default 30s)
   * @param defaultApi {@code default.api.timeout.ms} of consumers and admin clients (default 30s)
   */
  public record Timeouts(@DefaultValue("10s") @NotNull Duration request,
                         @DefaultValue("10s") @NotNull Duration maxBlock,
                         @DefaultValue("30s") @NotNull Duration delivery,
                         @DefaultValue("30s") @NotNull Duration transaction,
                         @DefaultValue("30s") @NotNull Duration defaultApi) {

    public ClientTimeouts clientTimeouts() {
      return new ClientTimeouts(request, maxBlock, delivery, transaction, defaultApi);
    }
  }

  /**
   * @param minBackoff first pause after a failure (default 500ms), doubled for each failure in
   *     a row up to
   * @param maxBackoff the longest pause (default 30s)
   */
  public record Restart(@DefaultValue("500ms") @NotNull Duration minBackoff,
                        @DefaultValue("30s") @NotNull Duration maxBackoff) {

    public RestartBackOff backOff() {
      return new RestartBackOff(minBackoff, maxBackoff);
    }
  }
}
