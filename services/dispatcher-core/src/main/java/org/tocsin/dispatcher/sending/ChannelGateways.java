package org.tocsin.dispatcher.sending;

import java.util.Objects;
import org.tocsin.events.v1.Channel;

/**
 * What a channel application gives dispatcher-core: its channel and the provider account it
 * sends through, with an optional second account that takes the traffic while the first keeps
 * failing (a circuit breaker decides).
 */
public record ChannelGateways(Channel channel, MessageGateway primary, MessageGateway secondary) {

  public ChannelGateways {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(primary, "primary gateway");
    if (secondary != null && secondary.account().equals(primary.account())) {
      throw new IllegalArgumentException("The two provider accounts need different names");
    }
  }

  public static ChannelGateways of(Channel channel, MessageGateway primary) {
    return new ChannelGateways(channel, primary, null);
  }
}
