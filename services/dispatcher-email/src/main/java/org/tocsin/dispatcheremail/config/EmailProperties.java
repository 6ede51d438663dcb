package org.tocsin.dispatcheremail.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the e-mail channel ({@code tocsin.email.*}, or environment variables such as
 * {@code TOCSIN_EMAIL_FROM}). The SMTP relay itself is configured with Spring's
 * {@code spring.mail.*} properties.
 *
 * @param account name of the relay in statuses and metrics (default {@code smtp})
 * @param from sender of every message (default {@code Tocsin <alerts@tocsin.invalid>}); its
 *     domain also names the messages ({@code Message-ID})
 * @param replyTo where replies go (default: none, replies go to {@code from})
 * @param fullTextUrl link to the alert's public page, its full text and every update (e.g.
 *     alert-page's {@code https://alerts.example.be/alerts/{alertId}?lang={language}}), with
 *     {@code {alertId}} and {@code {language}} placeholders (default: none)
 * @param messagesPerSecond messages per second handed to the relay (default 50; 0: no limit of
 *     our own)
 * @param maxConcurrentConnections SMTP connections open at once (default 8)
 */
@Validated
@ConfigurationProperties("tocsin.email")
public record EmailProperties(
    @DefaultValue("smtp") @NotBlank String account,
    @DefaultValue("Tocsin <alerts@tocsin.invalid>") @NotBlank String from,
    String replyTo,
    String fullTextUrl,
    @DefaultValue("50") @DecimalMin("0") double messagesPerSecond,
    @DefaultValue("8") @Min(1) @Max(1_000) int maxConcurrentConnections) {

  @AssertTrue(message = "from must be one e-mail address, optionally with a name")
  public boolean isFromValid() {
    return from == null || parse(from) != null;
  }

  @AssertTrue(message = "reply-to must be one e-mail address, optionally with a name")
  public boolean isReplyToValid() {
    return !present(replyTo) || parse(replyTo) != null;
  }

  public InternetAddress fromAddress() {
    return parse(from);
  }

  /** The reply-to address, or null for none. */
  public InternetAddress replyToAddress() {
    return present(replyTo) ? parse(replyTo) : null;
  }

  private static InternetAddress parse(String address) {
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      return parsed.getAddress().contains("@") ? parsed : null;
    } catch (AddressException e) {
      return null;
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
