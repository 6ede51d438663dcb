package org.tocsin.dispatcher.sending;

import org.tocsin.events.v1.DeliveryTask;

/**
 * One account at a provider through which a channel delivers messages (a Twilio account, an
 * SMTP relay, a push service): the adapter each channel implements. Calls block; the sending
 * loop makes them on virtual threads, within the account's {@link #limits()}. An implementation
 * must not retry by itself: the loop decides, from the {@link SendResult}.
 */
public interface MessageGateway {

  /** Name of the account, e.g. {@code twilio-primary}: in statuses, metrics and logs. */
  String account();

  SendLimits limits();

  /** Renders the task for this channel and hands it to the provider. */
  SendResult send(DeliveryTask task);
}
