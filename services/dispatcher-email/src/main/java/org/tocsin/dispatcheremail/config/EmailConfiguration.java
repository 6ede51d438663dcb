package org.tocsin.dispatcheremail.config;

import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcheremail.rendering.EmailRenderer;
import org.tocsin.dispatcheremail.smtp.SmtpEmailGateway;
import org.tocsin.events.v1.Channel;

/** The e-mail channel: the SMTP relay of {@code spring.mail.*} as dispatcher-core's gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
public class EmailConfiguration {

  @Bean
  EmailRenderer emailRenderer(EmailProperties properties) {
    InternetAddress from = properties.fromAddress();
    String address = from.getAddress();
    return new EmailRenderer(properties.fullTextUrl(),
        address.substring(address.lastIndexOf('@') + 1));
  }

  @Bean
  ChannelGateways emailGateways(EmailProperties properties, EmailRenderer renderer,
                                JavaMailSender mailSender) {
    return ChannelGateways.of(Channel.EMAIL, new SmtpEmailGateway(properties.account(),
        new SendLimits(properties.messagesPerSecond(), properties.maxConcurrentConnections()),
        mailSender, renderer, properties.fromAddress(), properties.replyToAddress()));
  }
}
