package org.tocsin.dispatcher.sending;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;

/**
 * How the sending loop behaves.
 *
 * @param maxAttempts provider calls per task before it is dead-lettered (429 answers do not
 *     count)
 * @param firstRetryDelay delay before the second attempt, doubled for each further attempt
 * @param maxRetryDelay the longest delay between attempts
 * @param inFlightWindow tasks at most between the start of their provider call and their
 *     status stored: the most messages a crash can make the restarted dispatcher send twice
 * @param maxUnfinishedPerLane tasks read from a lane and not finished, above which it stops
 *     fetching
 * @param breaker the circuit breaker that moves traffic to the secondary account
 */
public record SendingSettings(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
                              int inFlightWindow, int maxUnfinishedPerLane,
                              CircuitBreakerConfig breaker) {
}
