package org.tocsin.alertintake;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Crisis-centre operators draft, approve, issue, update and cancel alerts here. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AlertIntakeApplication {

  public static void main(String[] args) {
    SpringApplication.run(AlertIntakeApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
