package org.tocsin.dispatchersms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The SMS dispatcher: dispatcher-core's directory, fan-out and sending loop, sending through
 * Twilio.
 */
@SpringBootApplication
public class DispatcherSmsApplication {

  public static void main(String[] args) {
    SpringApplication.run(DispatcherSmsApplication.class, args);
  }
}
