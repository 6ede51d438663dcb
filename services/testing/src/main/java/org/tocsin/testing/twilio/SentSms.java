package org.tocsin.testing.twilio;

import java.time.Instant;

/** A message the Twilio fake accepted. */
public record SentSms(String sid, String accountSid, String to, String from,
                      String messagingServiceSid, String body, String statusCallback,
                      Instant acceptedAt) {
}
