package org.tocsin.deliverytracker.lookup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.tocsin.events.v1.Channel;

/** One contact (phone number in E.164, e-mail address, or push endpoint) on one channel. */
public record LookupRequest(@NotNull Channel channel, @NotBlank @Size(max = 2000) String contact) {
}
