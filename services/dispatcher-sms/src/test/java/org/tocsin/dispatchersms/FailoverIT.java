package org.tocsin.dispatchersms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.alert;
import static org.tocsin.dispatcher.Fixtures.area;
import static org.tocsin.dispatcher.Fixtures.info;
import static org.tocsin.dispatcher.Fixtures.rectangle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.Severity;
import org.tocsin.testing.twilio.SentSms;
import org.tocsin.testing.twilio.TwilioFake;

@TestPropertySource(properties = {
    "tocsin.sms.primary.messages-per-second=0",
    "tocsin.sms.secondary.messages-per-second=0",
    "tocsin.dispatcher.sending.failover.sliding-window-size=10",
    "tocsin.dispatcher.sending.failover.minimum-number-of-calls=5",
    "tocsin.dispatcher.sending.failover.wait-in-open-state=2s",
    "tocsin.dispatcher.sending.failover.permitted-calls-in-half-open-state=3"})
class FailoverIT extends SmsDispatcherHarness {

  private static final TwilioFake SECONDARY = TwilioFake.start("127.0.0.1", 0,
      "AC" + "5ec0ad5ec0ad5ec0ad5ec0ad5ec0ad02", "secondary-token");

  @DynamicPropertySource
  static void secondaryAccount(DynamicPropertyRegistry registry) {
    registry.add("tocsin.sms.secondary.account-sid", SECONDARY::accountSid);
    registry.add("tocsin.sms.secondary.auth-token", SECONDARY::authToken);
    registry.add("tocsin.sms.secondary.from", () -> "TocsinB");
    registry.add("tocsin.sms.secondary.api-base-url", SECONDARY::baseUrl);
  }

  @AfterAll
  static void stopSecondary() {
    SECONDARY.close();
  }

  @Test
  void trafficMovesToTheSecondaryAccountWhileThePrimaryFailsAndBackWhenItRecovers()
      throws Exception {
    FAKE.failureRate(1.0);
    String first = alertTo("+3247500", 100, 50.0);
    Map<String, DeliveryStatus> firstStatuses = finalStatuses(first, 100, Duration.ofSeconds(90));

    assertThat(SECONDARY.messageCount()).isGreaterThan(50);
    assertThat(FAKE.messageCount()).isZero();
    assertOnePerRecipient(SECONDARY.messages());
    assertThat(firstStatuses.values()).allSatisfy(
        status -> assertThat(status.getOutcome()).isEqualTo(DeliveryOutcome.SENT));
    assertThat(firstStatuses.values()).extracting(DeliveryStatus::getProvider)
        .containsOnly("twilio-secondary");
    assertThat(SECONDARY.messages()).allSatisfy(sms -> assertThat(sms.from())
        .isEqualTo("TocsinB"));

    FAKE.failureRate(0);
    pause(2500);
    String recovering = alertTo("+3247501", 50, 50.5);
    Map<String, DeliveryStatus> trial = finalStatuses(recovering, 50, Duration.ofSeconds(90));
    String recovered = alertTo("+3247502", 50, 50.7);
    Map<String, DeliveryStatus> back = finalStatuses(recovered, 50, Duration.ofSeconds(90));

    assertThat(trial.values()).as("trial calls once the breaker let them through")
        .anySatisfy(status -> assertThat(status.getProvider()).isEqualTo("twilio-primary"));
    assertThat(back.values()).extracting(DeliveryStatus::getProvider)
        .containsOnly("twilio-primary");
    List<SentSms> all = new ArrayList<>(FAKE.messages());
    all.addAll(SECONDARY.messages());
    assertOnePerRecipient(all);
  }

  private String alertTo(String prefix, int count, double south) {
    addSubscribers(LargeSendIT.grid(prefix, count, south, 4.0, 0.1));
    String alertId = UUID.randomUUID().toString();
    kafka.publish(topics.alerts(), alertId, alert(alertId, AlertStatus.ACTUAL, Severity.SEVERE,
        area(List.of(rectangle(south, 4.0, south + 0.1, 4.1)), List.of(), List.of()),
        info("nl", "Overstroming: ga naar boven")).build());
    return alertId;
  }
}
