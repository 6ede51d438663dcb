package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.tocsin.events.v1.Channel;

/**
 * A contact as a citizen gives it.
 *
 * @param address a mobile number (SMS), an e-mail address (EMAIL) or the endpoint of a Web Push
 *     subscription (PUSH)
 * @param keys the keys of a Web Push subscription, for PUSH only
 */
public record ContactRequest(
    @NotNull Channel channel,
    @NotBlank @Size(max = 2048)
    @Schema(example = "+32470123456") String address,
    @Valid PushKeysRequest keys) {

  /** The keys of a Web Push subscription, as {@code PushSubscription.toJSON()} gives them. */
  public record PushKeysRequest(@NotBlank @Size(max = 200) String p256dh,
                                @NotBlank @Size(max = 100) String auth) {
  }
}
