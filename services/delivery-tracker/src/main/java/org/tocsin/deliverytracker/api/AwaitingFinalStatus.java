package org.tocsin.deliverytracker.api;

import java.time.Instant;
import org.tocsin.events.v1.Channel;

/**
 * A message a provider accepted and whose final status has not come after the configured time.
 *
 * @param checks how many times its provider was asked for it
 */
public record AwaitingFinalStatus(String alertId, int version, Channel channel, String taskId,
                                  String provider, String providerMessageId, Instant sentAt,
                                  int checks, Instant lastCheckAt) {
}
