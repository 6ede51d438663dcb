package org.tocsin.dispatcheremail.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.tocsin.dispatcher.sending.MessageGateway;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatcheremail.rendering.EmailRenderer;
import org.tocsin.dispatcheremail.rendering.RenderedEmail;
import org.tocsin.events.v1.DeliveryTask;

/**
 * Hands e-mails to one SMTP relay over its {@link SmtpConnections}. A message the relay accepted
 * counts as sent: plain SMTP reports no delivery. Refusals are classified by
 * {@link SmtpFailures}; nothing is retried here.
 */
public final class SmtpEmailGateway implements MessageGateway {

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final String account;
  private final SendLimits limits;
  private final SmtpConnections connections;
  private final EmailRenderer renderer;
  private final InternetAddress from;
  private final InternetAddress replyTo;

  /**
   * @param replyTo where replies go, or null to let them go to {@code from}
   */
  public SmtpEmailGateway(String account, SendLimits limits, SmtpConnections connections,
                          EmailRenderer renderer, InternetAddress from,
                          InternetAddress replyTo) {
    this.account = account;
    this.limits = limits;
    this.connections = connections;
    this.renderer = renderer;
    this.from = from;
    this.replyTo = replyTo;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public SendLimits limits() {
    return limits;
  }

  @Override
  public SendResult send(DeliveryTask task) {
    RenderedEmail email = renderer.render(task);
    InternetAddress to;
    try {
      to = new InternetAddress(task.getRecipient(), true);
    } catch (AddressException e) {
      return new SendResult.PermanentFailure("invalid-address",
          "not a valid e-mail address");
    }
    MimeMessage message;
    try {
      message = compose(email, to);
    } catch (MessagingException e) {
      return new SendResult.PermanentFailure("message", SmtpFailures.redacted(e.getMessage()));
    }
    try {
      connections.send(message);
      return new SendResult.Accepted(email.messageId());
    } catch (MessagingException e) {
      return SmtpFailures.classify(e);
    }
  }

  private MimeMessage compose(RenderedEmail email, InternetAddress to)
      throws MessagingException {
    MimeMessage message = connections.newMessage(email.messageId());
    message.setFrom(from);
    if (replyTo != null) {
      message.setReplyTo(new InternetAddress[] {replyTo});
    }
    message.setRecipient(MimeMessage.RecipientType.TO, to);
    message.setSubject(email.subject(), UTF_8);
    message.setSentDate(new Date());
    message.setContentLanguage(new String[] {email.language()});
    for (Map.Entry<String, String> header : email.headers().entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }
}
