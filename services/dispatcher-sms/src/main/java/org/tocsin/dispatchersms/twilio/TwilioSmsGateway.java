package org.tocsin.dispatchersms.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.function.Function;
import org.tocsin.dispatcher.sending.MessageGateway;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.sending.SendResult;
import org.tocsin.dispatchersms.rendering.SmsRenderer;
import org.tocsin.events.v1.DeliveryTask;

/** Sends SMS through one Twilio account with the real Twilio SDK. */
public final class TwilioSmsGateway implements MessageGateway {

  private final String account;
  private final String accountSid;
  private final String messagingServiceSid;
  private final String from;
  private final SendLimits limits;
  private final TwilioRestClient client;
  private final SmsRenderer renderer;
  private final Function<DeliveryTask, URI> statusCallback;

  /**
   * @param statusCallback the URL Twilio reports a message's delivery to, or null for none
   */
  public TwilioSmsGateway(String account, String accountSid, String messagingServiceSid,
                          String from, SendLimits limits, TwilioRestClient client,
                          SmsRenderer renderer, Function<DeliveryTask, URI> statusCallback) {
    this.account = account;
    this.accountSid = accountSid;
    this.messagingServiceSid = blankToNull(messagingServiceSid);
    this.from = blankToNull(from);
    this.limits = limits;
    this.client = client;
    this.renderer = renderer;
    this.statusCallback = statusCallback;
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
    String body = renderer.render(task);
    PhoneNumber to = new PhoneNumber(task.getRecipient());
    MessageCreator creator = messagingServiceSid != null
        ? Message.creator(accountSid, to, messagingServiceSid, body)
        : Message.creator(accountSid, to, new PhoneNumber(from), body);
    if (statusCallback != null) {
      creator.setStatusCallback(statusCallback.apply(task));
    }
    try {
      return new SendResult.Accepted(creator.create(client).getSid());
    } catch (ApiException e) {
      return TwilioErrors.classify(e);
    } catch (ApiConnectionException e) {
      return new SendResult.TransientFailure("connection", TwilioErrors.redacted(e.getMessage()));
    } catch (TwilioException e) {
      return new SendResult.TransientFailure("twilio", TwilioErrors.redacted(e.getMessage()));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
