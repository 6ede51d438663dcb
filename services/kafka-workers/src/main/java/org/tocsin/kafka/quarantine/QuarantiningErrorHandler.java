package org.tocsin.kafka.quarantine;

import java.util.function.Predicate;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.listener.CommonContainerStoppingErrorHandler;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handling every Tocsin listener container gets, in three cases:
 * <ul>
 *   <li>an outage (the broker, the database: what {@code outage} recognises, and
 *       {@link #KAFKA_OUTAGE}) is waited out: the record is tried again, with back-off, for as long
 *       as it takes;</li>
 *   <li>a fence (another process took this one's transactional id or static member id) stops
 *       the container, which makes readiness DOWN;</li>
 *   <li>anything else is the record's fault: it is tried {@code attempts} times, then
 *       quarantined, and the container goes on with the next record. A record that cannot be
 *       decoded is quarantined at once.</li>
 * </ul>
 */
public final class QuarantiningErrorHandler {

  /**
   * Kafka's errors (timeouts, lost connections, aborted transactions, missing rights...) other
   * than those a record causes itself (too large, not serializable), and interruptions.
   */
  public static final Predicate<Throwable> KAFKA_OUTAGE = failure -> {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RecordTooLargeException
          || cause instanceof RecordBatchTooLargeException
          || cause instanceof InvalidRecordException || cause instanceof SerializationException
          || cause instanceof DeserializationException) {
        return false;
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.apache.kafka.common.KafkaException
          || cause instanceof org.springframework.kafka.KafkaException
          || cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  };

  private QuarantiningErrorHandler() {
  }

  /**
   * @param consumer the consumer's name in the quarantine's headers and metrics
   * @param outage recognises a failure of the environment rather than of the record
   * @param outageBackOff the pauses between attempts during an outage (should not give up)
   * @param attempts how many times a record is tried before it is quarantined
   */
  public static CommonErrorHandler create(Quarantine quarantine, String consumer,
                                          Predicate<Throwable> outage, BackOff outageBackOff,
                                          int attempts) {
    Predicate<Throwable> waitedOut = KAFKA_OUTAGE.or(outage);
    BackOff recordBackOff = new FixedBackOff(500, Math.max(0, attempts - 1));
    DefaultErrorHandler quarantining =
        new DefaultErrorHandler(new QuarantineRecoverer(quarantine, consumer), recordBackOff);
    quarantining.setBackOffFunction((record, exception) ->
        waitedOut.test(exception) ? outageBackOff : recordBackOff);
    // A failure of another kind restarts the count of attempts.
    quarantining.setResetStateOnExceptionChange(true);
    CommonDelegatingErrorHandler handler = new CommonDelegatingErrorHandler(quarantining);
    CommonContainerStoppingErrorHandler stopping = new CommonContainerStoppingErrorHandler();
    handler.addDelegate(ProducerFencedException.class, stopping);
    handler.addDelegate(FencedInstanceIdException.class, stopping);
    handler.setCauseChainTraversing(true);
    return handler;
  }

  /** An outage back-off from 1 s doubling to 30 s, that never gives up. */
  public static BackOff outageBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
    backOff.setMaxInterval(30_000);
    return backOff;
  }
}
