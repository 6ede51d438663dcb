package org.tocsin.dispatcher.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tocsin.dispatcher.status.StatusOutbox;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.Lane;

/** The sending loop's meters, by channel, lane, account and outcome. */
final class SendMetrics {

  private final MeterRegistry meters;
  private final String channel;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Counter> accountCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter duplicates;
  private final Counter deadLettered;

  SendMetrics(Channel channel, MeterRegistry meters) {
    this.meters = meters;
    this.channel = channel.name();
    this.duplicates = Counter.builder("tocsin.dispatcher.duplicates.skipped")
        .description("Tasks read again (after a restart or a redone fan-out) that had ended")
        .tag("channel", this.channel).register(meters);
    this.deadLettered = Counter.builder("tocsin.dispatcher.dead.letters")
        .description("Tasks parked on the dead-letter topic after their last attempt")
        .tag("channel", this.channel).register(meters);
  }

  void watch(Map<Lane, LaneConsumer> lanes, Semaphore window, int windowSize,
             ProviderRouting routing, StatusOutbox outbox) {
    for (Map.Entry<Lane, LaneConsumer> lane : lanes.entrySet()) {
      String name = lane.getKey().name().toLowerCase();
      Gauge.builder("tocsin.dispatcher.lag", lane.getValue(), LaneConsumer::lag)
          .description("Tasks waiting in the lane's topic, not read yet")
          .tags("channel", channel, "lane", name).register(meters);
      Gauge.builder("tocsin.dispatcher.unfinished", lane.getValue(), LaneConsumer::unfinished)
          .description("Tasks read from the lane and not finished")
          .tags("channel", channel, "lane", name).register(meters);
    }
    Gauge.builder("tocsin.dispatcher.in.flight", window,
            w -> windowSize - w.availablePermits())
        .description("Tasks between their provider call and their stored status")
        .tag("channel", channel).register(meters);
    Gauge.builder("tocsin.dispatcher.statuses.waiting", outbox, StatusOutbox::waiting)
        .description("Statuses not stored on the delivery-status topic yet")
        .tag("channel", channel).register(meters);
    Gauge.builder("tocsin.dispatcher.statuses.outage", outbox, o -> o.outage() ? 1 : 0)
        .description("1 while the delivery-status topic does not take statuses")
        .tag("channel", channel).register(meters);
    Gauge.builder("tocsin.dispatcher.provider.primary", routing, r -> r.primaryInUse() ? 1 : 0)
        .description("1 while traffic goes to the primary provider account")
        .tag("channel", channel).register(meters);
    rate(routing.primary());
    if (routing.secondary() != null) {
      rate(routing.secondary());
    }
  }

  private void rate(ProviderRouting.Route route) {
    Gauge.builder("tocsin.dispatcher.send.rate.limit", route.throttle(),
            AccountThrottle::currentRate)
        .description("Messages per second currently allowed (0: unlimited)")
        .tags("channel", channel, "account", route.gateway().account())
        .register(meters);
  }

  void duplicate() {
    duplicates.increment();
  }

  void deadLettered() {
    deadLettered.increment();
  }

  void ended(Lane lane, DeliveryOutcome outcome) {
    outcomes.computeIfAbsent(lane + "/" + outcome, k -> Counter.builder("tocsin.dispatcher.tasks")
        .description("Tasks ended, by lane and outcome")
        .tags("channel", channel, "lane", lane.name().toLowerCase(),
            "outcome", outcome.name().toLowerCase())
        .register(meters)).increment();
  }

  void providerCall(String account, SendResult result, long nanos) {
    String resultName = result.getClass().getSimpleName();
    timers.computeIfAbsent(account + "/" + resultName,
        key -> Timer.builder("tocsin.dispatcher.provider.calls")
            .description("Provider calls by account and result")
            .tags("channel", channel, "account", account, "result", resultName)
            .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
  }

  void rateLimited(String account) {
    counter("tocsin.dispatcher.rate.limited", account).increment();
  }

  void retried(String account) {
    counter("tocsin.dispatcher.retries", account).increment();
  }

  private Counter counter(String name, String account) {
    return accountCounters.computeIfAbsent(name + "/" + account, key -> Counter.builder(name)
        .tags("channel", channel, "account", account).register(meters));
  }
}
