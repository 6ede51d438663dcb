package org.tocsin.subscriptions.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.subscriptions.contact.EmailAddress;
import org.tocsin.subscriptions.contact.MobileNumber;

class AbuseGuardTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AbuseGuard guard = new AbuseGuard(new AbuseProperties(
      Rate.parse("3/1m"), Rate.parse("100/1m"), Rate.parse("2/1h"), Rate.parse("100/1m"),
      Rate.parse("2/1h"), Rate.parse("2/1h"), Rate.parse("2/1h"), List.of("BE")), meters);

  @Test
  void countsDistinctNumbersPerClientNotRepeatsOfOne() {
    ClientAddress client = ClientAddress.of("198.51.100.1");
    guard.codeToSend(client, new MobileNumber("+32470111111", "BE"));
    guard.codeToSend(client, new MobileNumber("+32470111111", "BE"));
    guard.codeToSend(client, new MobileNumber("+32470222222", "BE"));
    assertRefused(() -> guard.codeToSend(client, new MobileNumber("+32470333333", "BE")),
        AbuseRule.SMS_NUMBERS_PER_CLIENT);
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+32470333333", "BE"));
  }

  @Test
  void refusesAThirdNumberOfOneBlockWhoeverAsks() {
    guard.codeToSend(ClientAddress.of("198.51.100.1"), new MobileNumber("+32470555501", "BE"));
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+32470555502", "BE"));
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"),
        new MobileNumber("+32470555503", "BE")), AbuseRule.SMS_SEQUENTIAL_NUMBERS);
  }

  @Test
  void limitsCodesToAForeignRegionButNotToAHomeRegion() {
    guard.codeToSend(ClientAddress.of("198.51.100.1"), new MobileNumber("+31612000001", "NL"));
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+31613000001", "NL"));
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"),
        new MobileNumber("+31614000001", "NL")), AbuseRule.SMS_REGION_BURST);
    for (int i = 0; i < 5; i++) {
      guard.codeToSend(ClientAddress.of("198.51.100." + (10 + i)),
          new MobileNumber("+3247" + i + "000001", "BE"));
    }
  }

  @Test
  void limitsCodesPerContactAndRegistrationsPerClient() {
    EmailAddress mail = new EmailAddress("a@example.org");
    guard.codeToSend(ClientAddress.of("198.51.100.1"), mail);
    guard.codeToSend(ClientAddress.of("198.51.100.2"), mail);
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"), mail),
        AbuseRule.CODES_PER_CONTACT);
    ClientAddress client = ClientAddress.of("198.51.100.9");
    for (int i = 0; i < 3; i++) {
      guard.registration(client);
    }
    assertRefused(() -> guard.registration(client), AbuseRule.REGISTRATIONS_PER_CLIENT);
  }

  private void assertRefused(Runnable request, AbuseRule rule) {
    double before = meters.counter("tocsin.subscriptions.abuse.refused", "rule", rule.tag())
        .count();
    assertThatThrownBy(request::run).isInstanceOfSatisfying(RateLimitedException.class, e -> {
      assertThat(e.rule()).isEqualTo(rule);
      assertThat(e.retryAfter()).isPositive();
    });
    assertThat(meters.counter("tocsin.subscriptions.abuse.refused", "rule", rule.tag()).count())
        .isEqualTo(before + 1);
  }
}
