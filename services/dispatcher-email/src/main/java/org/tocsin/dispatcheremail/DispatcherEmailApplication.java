package org.tocsin.dispatcheremail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.tocsin.dispatcheremail.smtp.MailStreamProviders;

/**
 * The e-mail dispatcher: dispatcher-core's directory, fan-out and sending loop, sending through
 * an SMTP relay.
 */
@SpringBootApplication
public class DispatcherEmailApplication {

  public static void main(String[] args) {
    MailStreamProviders.nameAngus();
    SpringApplication.run(DispatcherEmailApplication.class, args);
  }
}
