package org.tocsin.dispatchersms.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcher.status.StatusPublisher;
import org.tocsin.dispatchersms.callback.StatusCallbackController;
import org.tocsin.dispatchersms.callback.StatusCallbacks;
import org.tocsin.dispatchersms.rendering.SmsRenderer;
import org.tocsin.dispatchersms.twilio.TwilioClients;
import org.tocsin.dispatchersms.twilio.TwilioSmsGateway;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;

/** The SMS channel: Twilio accounts as the gateways of dispatcher-core, and their callbacks. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsProperties.class)
public class SmsConfiguration {

  @Bean
  SmsRenderer smsRenderer(SmsProperties properties) {
    return new SmsRenderer(properties.maxSegments(), properties.fullTextUrl());
  }

  @Bean
  StatusCallbacks statusCallbacks(SmsProperties properties) {
    List<StatusCallbacks.Account> accounts = new ArrayList<>();
    accounts.add(new StatusCallbacks.Account(properties.primary().nameOr("twilio-primary"),
        properties.primary().accountSid(), properties.primary().authToken()));
    if (properties.secondary() != null) {
      accounts.add(new StatusCallbacks.Account(properties.secondary().nameOr("twilio-secondary"),
          properties.secondary().accountSid(), properties.secondary().authToken()));
    }
    String url = properties.statusCallbackUrl();
    return new StatusCallbacks(url == null || url.isBlank() ? "" : url, accounts);
  }

  @Bean
  ChannelGateways smsGateways(SmsProperties properties, SmsRenderer renderer,
                              StatusCallbacks callbacks) {
    boolean reports = properties.statusCallbackUrl() != null
        && !properties.statusCallbackUrl().isBlank();
    Function<DeliveryTask, URI> callbackUrl = reports ? callbacks::urlFor : null;
    TwilioSmsGateway primary = gateway(properties.primary(), "twilio-primary", renderer,
        callbackUrl);
    TwilioSmsGateway secondary = properties.secondary() == null ? null
        : gateway(properties.secondary(), "twilio-secondary", renderer, callbackUrl);
    return new ChannelGateways(Channel.SMS, primary, secondary);
  }

  @Bean
  StatusCallbackController statusCallbackController(StatusCallbacks callbacks,
                                                    StatusPublisher statuses,
                                                    MeterRegistry meters) {
    return new StatusCallbackController(callbacks, statuses, meters);
  }

  private static TwilioSmsGateway gateway(SmsProperties.Account account, String defaultName,
                                          SmsRenderer renderer,
                                          Function<DeliveryTask, URI> callbackUrl) {
    return new TwilioSmsGateway(account.nameOr(defaultName), account.accountSid(),
        account.messagingServiceSid(), account.from(),
        new SendLimits(account.messagesPerSecond(), account.maxConcurrentRequests()),
        TwilioClients.create(new TwilioClients.Connection(account.accountSid(),
            account.authToken(), account.apiKeySid(), account.apiKeySecret(),
            account.apiBaseUrl(), account.maxConcurrentRequests(), account.connectTimeout(),
            account.responseTimeout())), renderer, callbackUrl);
  }
}
