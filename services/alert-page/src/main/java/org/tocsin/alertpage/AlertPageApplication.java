package org.tocsin.alertpage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The public alert pages: every alert read from the alerts topic, pre-rendered in each of its
 * languages and served from memory with validators and cache headers, so that a rush of
 * readers after a national alert, or an outage of alert-intake, changes nothing.
 */
@SpringBootApplication
@EnableScheduling
public class AlertPageApplication {

  public static void main(String[] args) {
    SpringApplication.run(AlertPageApplication.class, args);
  }
}
