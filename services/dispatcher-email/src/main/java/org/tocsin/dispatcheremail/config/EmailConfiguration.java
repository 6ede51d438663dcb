package org.tocsin.dispatcheremail.config;

import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.tocsin.dispatcher.sending.ChannelGateways;
import org.tocsin.dispatcher.sending.SendLimits;
import org.tocsin.dispatcheremail.rendering.EmailRenderer;
import org.tocsin.dispatcheremail.smtp.SmtpConnections;
import org.tocsin.dispatcheremail.smtp.SmtpEmailGateway;
import org.tocsin.events.v1.Channel;

/** The e-mail channel: the SMTP relay of {@code spring.mail.*} as dispatcher-core's gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EmailProperties.class, SmtpConnectionProperties.class})
public class EmailConfiguration {

  @Bean
  EmailRenderer emailRenderer(EmailProperties properties) {
    InternetAddress from = properties.fromAddress();
    String address = from.getAddress();
    return new EmailRenderer(properties.fullTextUrl(),
        address.substring(address.lastIndexOf('@') + 1));
  }

  /** Spring Boot's mail sender, configured from {@code spring.mail.*}, names the relay. */
  @Bean(destroyMethod = "close")
  SmtpConnections smtpConnections(EmailProperties email, SmtpConnectionProperties connections,
                                  JavaMailSenderImpl relay) {
    return new SmtpConnections(relay, email.maxConcurrentConnections(),
        connections.maxMessages(), connections.maxIdle(), connections.checkAfterIdle());
  }

  @Bean
  ChannelGateways emailGateways(EmailProperties properties, EmailRenderer renderer,
                                SmtpConnections connections) {
    return ChannelGateways.of(Channel.EMAIL, new SmtpEmailGateway(properties.account(),
        new SendLimits(properties.messagesPerSecond(), properties.maxConcurrentConnections()),
        connections, renderer, properties.fromAddress(), properties.replyToAddress()));
  }
}
