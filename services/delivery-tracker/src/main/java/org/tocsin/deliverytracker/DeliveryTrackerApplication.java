package org.tocsin.deliverytracker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The delivery tracker: what became of every alert's deliveries, for duty officers. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DeliveryTrackerApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeliveryTrackerApplication.class, args);
  }
}
