package org.tocsin.dispatchersms.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.sending.SendResult;

class TwilioErrorsTest {

  @Test
  void rateLimitsAreNeitherFailuresNorRetriesOfTheirOwn() {
    assertThat(TwilioErrors.classify(error(429, 20429))).isInstanceOf(SendResult.RateLimited.class);
  }

  @Test
  void recipientRefusalsArePermanent() {
    for (int code : new int[] {21211, 21610, 21614, 21408}) {
      assertThat(TwilioErrors.classify(error(400, code)))
          .isInstanceOfSatisfying(SendResult.PermanentFailure.class,
              failure -> assertThat(failure.errorCode()).isEqualTo(String.valueOf(code)));
    }
  }

  @Test
  void serverAndAccountTroubleIsTransientSoThatItFailsOver() {
    assertThat(TwilioErrors.classify(error(500, 20500)))
        .isInstanceOf(SendResult.TransientFailure.class);
    assertThat(TwilioErrors.classify(error(401, 20003)))
        .isInstanceOf(SendResult.TransientFailure.class);
    assertThat(TwilioErrors.classify(error(400, 21606)))
        .isInstanceOf(SendResult.TransientFailure.class);
  }

  @Test
  void phoneNumbersInProviderMessagesAreRedacted() {
    assertThat(TwilioErrors.classify(new ApiException("Invalid 'To' Phone Number: +32 470 12 34 56",
        21211, null, 400, 400, null, true, null)))
        .isInstanceOfSatisfying(SendResult.PermanentFailure.class, failure -> assertThat(
            failure.reason()).isEqualTo("Invalid 'To' Phone Number: [number]"));
  }

  private static ApiException error(int status, int code) {
    return new ApiException("refused", code, "https://www.twilio.com/docs/errors/" + code, status,
        status, null, false, null);
  }
}
