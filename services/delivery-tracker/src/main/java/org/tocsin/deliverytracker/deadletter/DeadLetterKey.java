package org.tocsin.deliverytracker.deadletter;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Where a dead letter lies on its topic. */
public record DeadLetterKey(@NotBlank @Size(max = 249) String topic, @Min(0) int partition,
                            @Min(0) long offset) {
}
