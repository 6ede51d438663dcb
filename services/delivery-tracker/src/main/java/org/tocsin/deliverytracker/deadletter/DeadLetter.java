package org.tocsin.deliverytracker.deadletter;

import java.time.Instant;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Lane;

/**
 * A task parked on its channel's dead-letter topic after its last attempt: where it lies there
 * and why it failed. Never its contact: the task itself stays on the topic.
 *
 * @param originalTopic the lane it was read from, which a replay writes it back to
 */
public record DeadLetter(String topic, int partition, long offset, Channel channel,
                         String taskId, String alertId, int alertVersion, Lane lane,
                         String originalTopic, String errorCode, String reason,
                         Instant deadLetteredAt, String replayedBy) {
}
