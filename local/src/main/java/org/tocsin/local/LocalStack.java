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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.local.issuer.DemoOperators;
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
  static final String CONSOLE_URL = "http://127.0.0.1:9000";

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

    DemoOperators operators = DemoOperators.loadOrCreate(data);
    LocalIndex index = new LocalIndex()
        .add("Local console", CONSOLE_URL + "/")
        .add("SMS inbox (Twilio fake)", twilio.baseUrl() + "/")
        .add("Mail inbox (local SMTP)", CONSOLE_URL + "/mail")
        .add("OIDC issuer", CONSOLE_URL)
        .add("Kafka bootstrap servers", kafka.bootstrapServers())
        .add("PostgreSQL", "jdbc:postgresql://127.0.0.1:" + postgres.port()
            + "/postgres (user postgres)")
        .add("SMTP server", "127.0.0.1:" + SMTP_PORT)
        .add("Operator secrets", "source " + operators.secretsFile());
    ConfigurableApplicationContext console = new SpringApplicationBuilder(
        LocalConsoleApplication.class)
        .initializers(context -> {
          context.getBeanFactory().registerSingleton("smtp", smtp);
          context.getBeanFactory().registerSingleton("operators", operators);
          context.getBeanFactory().registerSingleton("index", index);
        })
        .run();
    started.add(console::close);

    System.out.printf("""

        Tocsin is running locally, ready in %.1f s (data in %s):
        %s
        An operator token:
          source %s
          curl -s -u operator:$TOCSIN_OPERATOR_SECRET -d grant_type=client_credentials \\
            %s/oauth2/token
        Press Ctrl-C to stop.
        %n""", (System.nanoTime() - begin) / 1e9, data, index.text(),
        operators.secretsFile(), CONSOLE_URL);
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
