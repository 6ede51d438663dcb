package org.tocsin.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.postgres.EmbeddedPostgresServer;
import org.tocsin.testing.twilio.TwilioFake;

/**
 * Starts Tocsin's infrastructure on this machine: a Kafka broker, a PostgreSQL server, an SMTP
 * server and the Twilio fake, keeping their data under {@code local/data} (or
 * {@code TOCSIN_LOCAL_DATA}) between runs; {@code --fresh} starts from nothing. Ctrl-C stops
 * everything.
 */
public final class LocalStack {

  static final int KAFKA_PORT = 9092;
  static final int POSTGRES_PORT = 15432;
  static final int SMTP_PORT = 3025;
  static final int TWILIO_FAKE_PORT = 8099;

  private final List<AutoCloseable> started = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    boolean fresh = List.of(args).contains("--fresh");
    Path data = Path.of(System.getenv().getOrDefault("TOCSIN_LOCAL_DATA", "local/data"))
        .toAbsolutePath();
    if (fresh) {
      deleteRecursively(data);
    }
    LocalStack stack = new LocalStack();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.stop();
      stopped.countDown();
    }, "local-stack-shutdown"));
    stack.start(data);
    stopped.await();
  }

  private void start(Path data) throws IOException {
    long begin = System.nanoTime();
    Files.createDirectories(data);
    InProcessKafkaBroker kafka = InProcessKafkaBroker.start(data.resolve("kafka"), false,
        KAFKA_PORT, Map.of());
    started.add(kafka);
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"),
        POSTGRES_PORT);
    started.add(postgres);
    GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    smtp.start();
    started.add(smtp::stop);
    TwilioFake twilio = TwilioFake.start("127.0.0.1", TWILIO_FAKE_PORT,
        TwilioFake.DEFAULT_ACCOUNT_SID, TwilioFake.DEFAULT_AUTH_TOKEN);
    started.add(twilio);

    System.out.printf("""

        Tocsin local infrastructure is ready in %.1f s (data in %s)
          Kafka bootstrap servers  %s
          PostgreSQL               jdbc:postgresql://127.0.0.1:%d/postgres (user postgres)
          SMTP server              127.0.0.1:%d
          SMS inbox (Twilio fake)  %s/
        Press Ctrl-C to stop.
        %n""", (System.nanoTime() - begin) / 1e9, data, kafka.bootstrapServers(),
        postgres.port(), SMTP_PORT, twilio.baseUrl());
  }

  private void stop() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("Could not stop " + started.get(i) + ": " + e);
      }
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
