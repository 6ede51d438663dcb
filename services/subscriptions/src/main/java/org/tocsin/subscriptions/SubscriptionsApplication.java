package org.tocsin.subscriptions;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Tocsin's subscriptions service: citizens register places and zones, verify their contacts,
 * manage and erase their data; every change reaches the compacted subscriptions topic through
 * the transactional outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SubscriptionsApplication {

  /** Milliseconds, the precision of event timestamps, so that events and API answers agree. */
  @Bean
  Clock clock() {
    return Clock.tickMillis(ZoneOffset.UTC);
  }

  public static void main(String[] args) {
    SpringApplication.run(SubscriptionsApplication.class, args);
  }
}
