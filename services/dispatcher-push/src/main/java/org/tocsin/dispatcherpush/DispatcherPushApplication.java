package org.tocsin.dispatcherpush;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.tocsin.dispatcherpush.vapid.VapidKeys;

/**
 * The Web Push dispatcher: dispatcher-core's directory, fan-out and sending loop, sending to the
 * push services of the citizens' browsers. {@code generate-vapid-keys} as the only argument
 * prints a new VAPID key pair instead of starting the service.
 */
@SpringBootApplication
public class DispatcherPushApplication {

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("generate-vapid-keys")) {
      VapidKeys keys = VapidKeys.generate();
      System.out.println("TOCSIN_PUSH_VAPID_PUBLIC_KEY=" + keys.publicKey());
      System.out.println("TOCSIN_PUSH_VAPID_PRIVATE_KEY=" + keys.privateKey());
      return;
    }
    SpringApplication.run(DispatcherPushApplication.class, args);
  }
}
