package org.tocsin.dispatchersms.twilio;

import com.twilio.exception.ApiException;
import java.util.Set;
import java.util.regex.Pattern;
import org.tocsin.dispatcher.sending.SendResult;

/**
 * What a Twilio error means for a message. Refusals that concern the recipient or this message
 * are permanent (retrying cannot help); refusals that concern the account (credentials, sender,
 * suspension) are transient for the message, so that they count against the account, move
 * traffic to the secondary account and are retried there, rather than failing every message of
 * an alert.
 */
final class TwilioErrors {

  /** Invalid, unreachable, opted-out or landline numbers, and messages Twilio will not take. */
  private static final Set<Integer> PERMANENT = Set.of(
      21211, // invalid 'To' number
      21217, // number does not appear valid
      21401, // invalid phone number
      21407, // number not SMS-capable
      21408, // no permission to send to this region
      21610, // recipient unsubscribed (STOP)
      21612, // cannot route to this number
      21614, // 'To' is not a mobile number
      21617, // body too long
      21635, // number cannot receive SMS
      30003, 30004, 30005, 30006, 30007);

  /** Phone numbers (and other long digit runs) in provider messages: personal data. */
  private static final Pattern NUMBERS = Pattern.compile("\\+?[0-9][0-9 ]{5,}[0-9]");

  private TwilioErrors() {
  }

  /** A provider message fit for statuses and logs: phone numbers removed. */
  static String redacted(String message) {
    return message == null ? null : NUMBERS.matcher(message).replaceAll("[number]");
  }

  static SendResult classify(ApiException error) {
    Integer status = error.getStatusCode();
    Integer code = error.getCode();
    String errorCode = code != null ? String.valueOf(code)
        : status != null ? "http-" + status : "unknown";
    if ((status != null && status == 429) || (code != null && code == 20429)) {
      return new SendResult.RateLimited(errorCode);
    }
    if (code != null && PERMANENT.contains(code)) {
      return new SendResult.PermanentFailure(errorCode, redacted(error.getMessage()));
    }
    if (status != null && status == 400 && code == null) {
      return new SendResult.PermanentFailure(errorCode, redacted(error.getMessage()));
    }
    return new SendResult.TransientFailure(errorCode, redacted(error.getMessage()));
  }
}
