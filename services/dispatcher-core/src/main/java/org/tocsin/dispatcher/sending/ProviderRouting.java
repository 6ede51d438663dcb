package org.tocsin.dispatcher.sending;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the provider account of each message: the primary, unless its circuit breaker
 * (Resilience4j) is open because it kept failing, in which case the secondary takes the
 * traffic until trial calls find the primary healthy again. Rate-limit answers are neither
 * failures nor successes; a permanent refusal of one recipient is a success (the provider
 * works).
 */
final class ProviderRouting {

  private static final Logger log = LoggerFactory.getLogger(ProviderRouting.class);

  /** An account and its pace; {@code guarded}: calls through it feed the circuit breaker. */
  record Route(MessageGateway gateway, AccountThrottle throttle, boolean guarded) {
  }

  private final Route primary;
  private final Route secondary;
  private final CircuitBreaker breaker;

  ProviderRouting(ChannelGateways gateways, CircuitBreakerConfig breakerConfig) {
    boolean failover = gateways.secondary() != null;
    this.primary = new Route(gateways.primary(),
        new AccountThrottle(gateways.primary().account(), gateways.primary().limits()), failover);
    this.secondary = failover ? new Route(gateways.secondary(),
        new AccountThrottle(gateways.secondary().account(), gateways.secondary().limits()), false)
        : null;
    this.breaker = failover
        ? CircuitBreaker.of(gateways.primary().account(), breakerConfig) : null;
    if (breaker != null) {
      breaker.getEventPublisher().onStateTransition(event -> log.warn(
          "Provider account {}: circuit breaker {}; traffic goes to {}",
          event.getCircuitBreakerName(), event.getStateTransition(),
          event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
              ? gateways.secondary().account() : gateways.primary().account()));
    }
  }

  Route choose() {
    if (breaker == null || breaker.tryAcquirePermission()) {
      return primary;
    }
    return secondary;
  }

  /** A route was chosen but no call made through it. */
  void unused(Route route) {
    if (route.guarded()) {
      breaker.releasePermission();
    }
  }

  void record(Route route, SendResult result, long nanos) {
    if (!route.guarded()) {
      return;
    }
    switch (result) {
      case SendResult.Accepted accepted -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case SendResult.PermanentFailure permanent -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case SendResult.RateLimited limited -> breaker.releasePermission();
      case SendResult.TransientFailure failure -> breaker.onError(nanos, TimeUnit.NANOSECONDS,
          new DeliveryFailedException(failure.errorCode(), failure.reason()));
    }
  }

  /** Whether traffic goes to the primary account (no failover, or its breaker not open). */
  boolean primaryInUse() {
    return breaker == null || breaker.getState() == CircuitBreaker.State.CLOSED
        || breaker.getState() == CircuitBreaker.State.HALF_OPEN;
  }

  Route primary() {
    return primary;
  }

  Route secondary() {
    return secondary;
  }

  void tick() {
    primary.throttle().tick();
    if (secondary != null) {
      secondary.throttle().tick();
    }
  }
}
