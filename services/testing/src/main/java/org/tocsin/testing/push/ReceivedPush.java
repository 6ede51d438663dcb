package org.tocsin.testing.push;

import java.time.Instant;

/**
 * A push the fake accepted, decrypted.
 *
 * @param payload the plaintext (UTF-8)
 * @param ttl the {@code TTL} header, in seconds
 * @param urgency the {@code Urgency} header, {@code normal} when absent
 * @param topic the {@code Topic} header, or null
 * @param vapidSubject the {@code sub} claim of the VAPID token
 * @param vapidExpires the {@code exp} claim of the VAPID token
 */
public record ReceivedPush(String subscriptionId, String payload, long ttl, String urgency,
                           String topic, String vapidSubject, Instant vapidExpires,
                           Instant receivedAt) {
}
