package org.tocsin.testing.twilio;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link TwilioFake} as a process of its own, e.g. as a container of the Docker stack,
 * until the process is stopped. Configured by environment variables:
 *
 * <ul>
 *   <li>{@code TWILIO_FAKE_HOST}: address to listen on, default {@code 0.0.0.0};
 *   <li>{@code TWILIO_FAKE_PORT}: port, default {@code 8099};
 *   <li>{@code TWILIO_FAKE_ACCOUNT_SID}, {@code TWILIO_FAKE_AUTH_TOKEN}: the credentials it
 *       accepts, default {@link TwilioFake#DEFAULT_ACCOUNT_SID} and
 *       {@link TwilioFake#DEFAULT_AUTH_TOKEN}.
 * </ul>
 */
public final class TwilioFakeServer {

  private TwilioFakeServer() {
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> environment = System.getenv();
    String host = environment.getOrDefault("TWILIO_FAKE_HOST", "0.0.0.0");
    int port = Integer.parseInt(environment.getOrDefault("TWILIO_FAKE_PORT", "8099"));
    TwilioFake fake = TwilioFake.start(host, port,
        environment.getOrDefault("TWILIO_FAKE_ACCOUNT_SID", TwilioFake.DEFAULT_ACCOUNT_SID),
        environment.getOrDefault("TWILIO_FAKE_AUTH_TOKEN", TwilioFake.DEFAULT_AUTH_TOKEN));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "twilio-fake-shutdown"));
    System.out.printf("Twilio fake listening on %s:%d (SMS inbox at /, admin API under /fake/)%n",
        host, fake.port());
    stopped.await();
  }
}
