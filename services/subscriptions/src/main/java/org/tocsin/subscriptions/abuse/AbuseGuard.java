package org.tocsin.subscriptions.abuse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.tocsin.subscriptions.contact.ContactAddress;
import org.tocsin.subscriptions.contact.MobileNumber;

/**
 * Refuses, and counts ({@code tocsin.subscriptions.abuse.refused}, tagged by rule), the requests
 * that exceed a rate limit or match a pattern of SMS pumping. Checks run before any change, so
 * a refused request changes nothing. The limits live in PostgreSQL ({@link RateLimitStore}):
 * every instance of the service counts against the same buckets, and a restart forgets none.
 * Every check is keyed by the client or the contact, never by whether a contact is registered,
 * so it costs the same either way.
 */
@Component
public class AbuseGuard {

  private final Limiter registrationsPerClient;
  private final Limiter codesPerClient;
  private final Limiter codesPerContact;
  private final Limiter codeChecksPerClient;
  private final DistinctLimiter smsNumbersPerClient;
  private final DistinctLimiter smsNumbersPerBlock;
  private final Limiter smsPerForeignRegion;
  private final Set<String> homeRegions;
  private final Map<AbuseRule, Counter> refusals = new EnumMap<>(AbuseRule.class);

  public AbuseGuard(AbuseProperties properties, RateLimitStore store, MeterRegistry meters) {
    this.registrationsPerClient = limiter(AbuseRule.REGISTRATIONS_PER_CLIENT,
        properties.registrationsPerClient(), store);
    this.codesPerClient = limiter(AbuseRule.CODES_PER_CLIENT, properties.codesPerClient(), store);
    this.codesPerContact = limiter(AbuseRule.CODES_PER_CONTACT, properties.codesPerContact(),
        store);
    this.codeChecksPerClient = limiter(AbuseRule.CODE_CHECKS_PER_CLIENT,
        properties.codeChecksPerClient(), store);
    this.smsNumbersPerClient = distinct(AbuseRule.SMS_NUMBERS_PER_CLIENT,
        properties.smsNumbersPerClient(), store);
    this.smsNumbersPerBlock = distinct(AbuseRule.SMS_SEQUENTIAL_NUMBERS,
        properties.smsNumbersPerBlock(), store);
    this.smsPerForeignRegion = limiter(AbuseRule.SMS_REGION_BURST,
        properties.smsPerForeignRegion(), store);
    this.homeRegions = properties.homeRegions().stream()
        .map(region -> region.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    for (AbuseRule rule : AbuseRule.values()) {
      refusals.put(rule, Counter.builder("tocsin.subscriptions.abuse.refused")
          .description("Requests refused as abuse (rate limits, SMS pumping patterns)")
          .tag("rule", rule.tag())
          .register(meters));
    }
  }

  /** A registration from this client. */
  public void registration(ClientAddress client) {
    enforce(AbuseRule.REGISTRATIONS_PER_CLIENT, registrationsPerClient.tryTake(client.network()));
  }

  /** A code submitted by this client, right or wrong. */
  public void codeCheck(ClientAddress client) {
    enforce(AbuseRule.CODE_CHECKS_PER_CLIENT, codeChecksPerClient.tryTake(client.network()));
  }

  /** A code this client asks us to send to a contact. */
  public void codeToSend(ClientAddress client, ContactAddress contact) {
    if (contact instanceof MobileNumber number) {
      enforce(AbuseRule.SMS_NUMBERS_PER_CLIENT,
          smsNumbersPerClient.tryTake(client.network(), number.e164()));
      enforce(AbuseRule.SMS_SEQUENTIAL_NUMBERS,
          smsNumbersPerBlock.tryTake(number.block(), number.e164()));
      if (!homeRegions.contains(number.region())) {
        enforce(AbuseRule.SMS_REGION_BURST, smsPerForeignRegion.tryTake(number.region()));
      }
    }
    enforce(AbuseRule.CODES_PER_CONTACT,
        codesPerContact.tryTake(contact.channel() + ":" + contact.address()));
    enforce(AbuseRule.CODES_PER_CLIENT, codesPerClient.tryTake(client.network()));
  }

  /** Counts a refusal decided elsewhere (a premium-rate number, a region not served). */
  public void refused(AbuseRule rule) {
    refusals.get(rule).increment();
  }

  private static Limiter limiter(AbuseRule rule, Rate rate, RateLimitStore store) {
    return new Limiter(rule.tag(), rate, store.buckets());
  }

  private static DistinctLimiter distinct(AbuseRule rule, Rate rate, RateLimitStore store) {
    return new DistinctLimiter(rule.tag(), rate, store.buckets(), store.jdbc(), store.clock());
  }

  private void enforce(AbuseRule rule, Optional<Duration> refusedFor) {
    if (refusedFor.isPresent()) {
      refused(rule);
      throw new RateLimitedException(rule, refusedFor.get());
    }
  }
}
