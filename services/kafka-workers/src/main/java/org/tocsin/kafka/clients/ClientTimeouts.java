package org.tocsin.kafka.clients;

import java.time.Duration;

/**
 * The time limits every Tocsin Kafka client is given, so that a lost broker is reported within
 * a known time instead of Kafka's defaults (a producer blocks up to a minute, a send is retried
 * for two).
 *
 * @param request how long a client waits for the answer to one request
 * @param maxBlock how long a producer call ({@code send}, {@code initTransactions},
 *     {@code commitTransaction}...) blocks before it fails
 * @param delivery how long a produced record may take, retries included, before its send fails;
 *     at least {@code request}
 * @param transaction how long the broker keeps a transaction open before it aborts it: the
 *     longest time a crashed transactional producer can hold back {@code read_committed}
 *     readers
 * @param defaultApi how long a blocking consumer or admin call (offsets, positions,
 *     partitions) waits; at least {@code request}
 */
public record ClientTimeouts(Duration request, Duration maxBlock, Duration delivery,
                             Duration transaction, Duration defaultApi) {

  public ClientTimeouts {
    requirePositive("request", request);
    requirePositive("maxBlock", maxBlock);
    requirePositive("delivery", delivery);
    requirePositive("transaction", transaction);
    requirePositive("defaultApi", defaultApi);
    if (delivery.compareTo(request) < 0) {
      throw new IllegalArgumentException("The delivery timeout (" + delivery
          + ") must be at least the request timeout (" + request + ")");
    }
    if (defaultApi.compareTo(request) < 0) {
      throw new IllegalArgumentException("The default API timeout (" + defaultApi
          + ") must be at least the request timeout (" + request + ")");
    }
  }

  /** Tocsin's defaults: 10 s per request and per blocking call, 30 s per delivery. */
  public static ClientTimeouts defaults() {
    return new ClientTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  /**
   * The longest a producer takes to report that it cannot reach the broker: a blocking call
   * fails after {@code maxBlock}, a record already handed over after {@code delivery}.
   */
  public Duration producerFailureBound() {
    return maxBlock.compareTo(delivery) > 0 ? maxBlock : delivery;
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("The " + name + " timeout must be positive: " + value);
    }
  }
}
