package org.tocsin.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.local.demo.DemoSeed;
import org.tocsin.local.issuer.DemoOperators;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.postgres.EmbeddedPostgresServer;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.twilio.TwilioFake;

/**
 * Starts Tocsin on this machine: a Kafka broker, a PostgreSQL server, an SMTP server, the Twilio
 * fake, the push service fake and the local console (OIDC issuer, mail inbox), then every service of
 * {@link LocalServices} as its own JVM. Data stays under {@code local/data} (or
 * {@code TOCSIN_LOCAL_DATA}) between runs. Options: {@code --fresh} starts from nothing,
 * {@code --demo[=N]} seeds named zones and N synthetic subscribers (default 10,000) once per data
 * directory, {@code --infrastructure-only} starts no service (to run one from an IDE). Ctrl-C
 * stops everything.
 */
public final class LocalStack {

  static final int KAFKA_PORT = 9092;
  static final int POSTGRES_PORT = 15432;
  static final int SMTP_PORT = 3025;
  static final int TWILIO_FAKE_PORT = 8099;
  static final int PUSH_FAKE_PORT = 8098;
  static final String CONSOLE_URL = "http://127.0.0.1:9000";
  private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);

  private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

  public static void main(String[] args) throws Exception {
    LocalOptions options = LocalOptions.parse(args).requireFakesForDemo(System.getenv());
    boolean fresh = options.fresh();
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
    try {
      stack.start(data, options);
    } catch (Exception e) {
      // Half a stack is no use: stop what did start, and say why.
      System.err.println("Tocsin could not start locally: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  private void start(Path data, LocalOptions options) throws Exception {
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
    PushServiceFake push = PushServiceFake.start("127.0.0.1", PUSH_FAKE_PORT, null);
    started.add(push);
    LocalVapidKeys vapid = LocalVapidKeys.loadOrCreate(data,
        LocalService.jarOf("dispatcher-push", "services/dispatcher-push"));

    DemoOperators operators = DemoOperators.loadOrCreate(data);
    LocalIndex index = new LocalIndex()
        .add("Local console", CONSOLE_URL + "/")
        .add("SMS inbox (Twilio fake)", twilio.baseUrl() + "/")
        .add("Push inbox (push service fake)", push.origin() + "/")
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

    LocalInfrastructure infrastructure = new LocalInfrastructure(kafka.bootstrapServers(),
        postgres.port(), SMTP_PORT, twilio.baseUrl(), TwilioFake.DEFAULT_ACCOUNT_SID,
        TwilioFake.DEFAULT_AUTH_TOKEN, CONSOLE_URL, push.origin(), vapid.publicKey(),
        vapid.privateKey());
    List<LocalService> services = options.infrastructureOnly() ? List.of()
        : LocalServices.all(infrastructure, System.getenv(), options.demo());
    startServices(services, postgres, data.resolve("logs"));
    services.forEach(service -> service.links().forEach(index::add));
    if (!services.isEmpty()) {
      index.add("Service logs", data.resolve("logs").toString());
    }

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

    if (options.demo()) {
      try {
        new DemoSeed(infrastructure, operators, twilio, data).seedOnce(options.demoSubscribers());
      } catch (Exception e) {
        System.err.println("The demo seed failed (" + e.getMessage() + "); Tocsin keeps running"
            + " with what was seeded. The services' logs are in " + data.resolve("logs"));
      }
    }
  }

  /** Starts the services side by side, each in its own JVM, and waits until all are ready. */
  private void startServices(List<LocalService> services, EmbeddedPostgresServer postgres,
                             Path logs) throws Exception {
    for (LocalService service : services) {
      if (service.database() != null) {
        postgres.createDatabaseIfMissing(service.database());
      }
    }
    List<ServiceProcess> processes = new ArrayList<>();
    for (LocalService service : services) {
      ServiceProcess process = ServiceProcess.start(service, logs);
      processes.add(process);
      started.add(process);
      System.out.println("Starting " + service.name() + " (pid " + process.pid() + ", log "
          + logs.resolve(service.name() + ".log") + ")");
    }
    for (ServiceProcess process : processes) {
      process.awaitReady(SERVICE_START_TIMEOUT);
      System.out.println(process.service().name() + " is ready at " + process.service().url());
    }
  }

  private synchronized void stop() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("Could not stop " + started.get(i) + ": " + e);
      }
    }
    started.clear();
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
