package org.tocsin.testing.push;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link PushServiceFake} as a process of its own, e.g. as a container of the Docker
 * stack, until the process is stopped. Configured by environment variables:
 *
 * <ul>
 *   <li>{@code PUSH_FAKE_HOST}: address to listen on, default {@code 0.0.0.0};
 *   <li>{@code PUSH_FAKE_PORT}: port, default {@code 8098};
 *   <li>{@code PUSH_FAKE_PUBLIC_URL}: the origin its endpoints are reached at, default
 *       {@code http://localhost:<port>}.
 * </ul>
 */
public final class PushServiceFakeServer {

  private PushServiceFakeServer() {
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> environment = System.getenv();
    String host = environment.getOrDefault("PUSH_FAKE_HOST", "0.0.0.0");
    int port = Integer.parseInt(environment.getOrDefault("PUSH_FAKE_PORT", "8098"));
    PushServiceFake fake = PushServiceFake.start(host, port,
        environment.getOrDefault("PUSH_FAKE_PUBLIC_URL", "http://localhost:" + port));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "push-fake-shutdown"));
    System.out.printf("Push service fake listening on %s:%d, endpoints at %s/push/ (inbox at /, "
        + "admin API under /fake/)%n", host, fake.port(), fake.origin());
    stopped.await();
  }
}
