package org.tocsin.dispatcheremail.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.tocsin.dispatcher.sending.SendResult;

/**
 * What a failed hand-off to the relay means for a message. A 5xx reply about the recipient or
 * the message (550 mailbox unavailable, 553 bad address, 554 refused) is permanent: sending the
 * same message again cannot help. Everything that concerns the relay or our account
 * (unreachable, timeouts, authentication, a refused sender, every 4xx reply) is transient, so
 * that it is retried and counts against the relay's health rather than failing every message
 * of an alert.
 */
final class SmtpFailures {

  /** 5xx replies about authentication: our account, not the recipient. */
  private static final Set<Integer> ACCOUNT_REPLIES = Set.of(530, 534, 535, 538);

  /** E-mail addresses in relay replies: personal data. */
  private static final Pattern ADDRESSES = Pattern.compile(
      "[^\\s<>\"'(),;:=\\[\\]]+@[^\\s<>\"'(),;:=\\[\\]]+");

  private SmtpFailures() {
  }

  /** A relay's message fit for statuses and logs: e-mail addresses removed. */
  static String redacted(String message) {
    return message == null ? null : ADDRESSES.matcher(message).replaceAll("[address]").strip();
  }

  static SendResult classify(MessagingException error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      SendResult result = classify(t);
      if (result != null) {
        return result;
      }
    }
    return new SendResult.TransientFailure("smtp", redacted(error.getMessage()));
  }

  /** What this one exception in the chain means, or null if it does not tell. */
  private static SendResult classify(Throwable t) {
    return switch (t) {
      // RFC 5321: 552 to RCPT means too many recipients, to be tried again later.
      case SMTPAddressFailedException refused -> reply(refused.getReturnCode(),
          refused.getReturnCode() != 552, refused.getMessage());
      case SMTPSenderFailedException refused -> reply(refused.getReturnCode(), false,
          refused.getMessage());
      case SMTPSendFailedException refused -> reply(refused.getReturnCode(),
          !isSenderCommand(refused.getCommand()), refused.getMessage());
      case AuthenticationFailedException failed ->
          new SendResult.TransientFailure("smtp-auth", redacted(failed.getMessage()));
      case SocketTimeoutException timeout ->
          new SendResult.TransientFailure("timeout", redacted(timeout.getMessage()));
      case ConnectException unreachable ->
          new SendResult.TransientFailure("connection", redacted(unreachable.getMessage()));
      case NoRouteToHostException unreachable ->
          new SendResult.TransientFailure("connection", redacted(unreachable.getMessage()));
      case UnknownHostException unknown ->
          new SendResult.TransientFailure("connection", redacted(unknown.getMessage()));
      // The connection broke under the message (reset, broken pipe): a reused one, mostly.
      case IOException broken ->
          new SendResult.TransientFailure("connection", redacted(broken.getMessage()));
      default -> null;
    };
  }

  private static boolean isSenderCommand(String command) {
    return command != null && command.regionMatches(true, 0, "MAIL", 0, 4);
  }

  /**
   * @param aboutMessage whether a 5xx reply concerns this recipient or message (permanent)
   *     rather than our sender or account (transient)
   */
  private static SendResult reply(int code, boolean aboutMessage, String message) {
    if (code < 0) {
      // No reply at all: the relay closed the connection instead of answering.
      return new SendResult.TransientFailure("connection", redacted(message));
    }
    String errorCode = "smtp-" + code;
    if (code >= 500 && code < 600 && aboutMessage && !ACCOUNT_REPLIES.contains(code)) {
      return new SendResult.PermanentFailure(errorCode, redacted(message));
    }
    return new SendResult.TransientFailure(errorCode, redacted(message));
  }
}
