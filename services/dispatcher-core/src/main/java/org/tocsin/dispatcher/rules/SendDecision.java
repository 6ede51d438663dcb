package org.tocsin.dispatcher.rules;

import org.tocsin.events.v1.DeliveryOutcome;

/** What to do with a task read from a lane, as {@link SendRules} decide it. */
public sealed interface SendDecision {

  /** Call the provider. */
  record Send() implements SendDecision {
  }

  /** The person already has this alert version (or the task ended for good): nothing to do. */
  record AlreadyFinished() implements SendDecision {
  }

  /** Not now: another task this one depends on is in a provider call. Decide again shortly. */
  record Wait(String reason) implements SendDecision {
  }

  /**
   * The task ends without a provider call.
   *
   * @param outcome EXPIRED, CANCELLED or SKIPPED
   */
  record End(DeliveryOutcome outcome, String reason) implements SendDecision {
  }
}
