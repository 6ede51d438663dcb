package org.tocsin.benchmarks.subscriptions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.ZoneChanged;
import org.tocsin.events.v1.ZoneKind;
import org.tocsin.subscriptions.SubscriptionsApplication;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.postgres.EmbeddedPostgresServer;
import org.tocsin.testing.postgres.PostgresDatabase;

/**
 * A registration surge: many concurrent clients register through the HTTP API of the real
 * subscriptions service, on an embedded PostgreSQL and an in-process Kafka broker, all on this
 * machine. Two references are measured in the same run: a trivial endpoint of the same server
 * (the HTTP ceiling of this client and server on these cores) and raw JDBC transactions that
 * insert the same rows into the same PostgreSQL (the database ceiling).
 *
 * <p>Arguments: concurrent clients (default 64), seconds per measured row (default 30), and the
 * size of the service's connection pool (default 10, the service's default; the raw JDBC
 * reference uses as many connections). Rate limits are lifted for the run
 * ({@code 1000000000/1s}), because every request comes from one address; the abuse checks
 * still run. Half the registrations follow one of five zones, a quarter add an e-mail address.
 */
public final class RegistrationSurgeBenchmark {

  private static final int ZONES = 5;
  private static final String REFERENCE_TOPIC = "bench.reference";

  private RegistrationSurgeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
    int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
         InProcessKafkaBroker kafka = InProcessKafkaBroker.start()) {
      kafka.createTopics(List.of(new NewTopic(REFERENCE_TOPIC, 6, (short) 1)));
      PostgresDatabase database = postgres.createDatabase("subscriptions");
      ConfigurableApplicationContext service = startService(database, kafka.bootstrapServers(),
          poolSize);
      try {
        int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        String base = "http://127.0.0.1:" + port;
        publishZones(kafka.bootstrapServers());
        awaitZones(service.getBean(JdbcTemplate.class));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        System.out.printf("%nWarming up (%d clients)...%n", clients);
        LoadRun.run("warm-up", clients, Duration.ofSeconds(15), () -> register(http, base));
        LoadRun.Result trivial = LoadRun.run("trivial endpoint, same server (reference)",
            clients, measured, () -> get(http, base + "/api/v1/page-config"));
        LoadRun.Result rows;
        try (HikariDataSource pool = pool(database, poolSize)) {
          LoadRun.run("warm-up", clients, Duration.ofSeconds(5), () -> insertRows(pool));
          rows = LoadRun.run("raw JDBC rows, same PostgreSQL (reference)", clients, measured,
              () -> insertRows(pool));
        }
        long publishedBefore = published(service);
        LoadRun.Result registrations = LoadRun.run("registrations through the HTTP API",
            clients, measured, () -> register(http, base));
        long drainStart = System.nanoTime();
        awaitEmptyOutbox(service.getBean(JdbcTemplate.class));
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long relayed = published(service) - publishedBefore;

        System.out.printf("%nRegistration surge: %d concurrent clients, %d s per row, %d "
                + "database connections, %d cores, load average %.1f before the run, %.1f "
                + "after%n%n", clients, measured.toSeconds(), poolSize, Runtime.getRuntime().availableProcessors(), loadBefore,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(LoadRun.Result.header());
        System.out.println(trivial.row());
        System.out.println(rows.row());
        System.out.println(registrations.row());
        System.out.printf("%nOutbox: %d events relayed to Kafka during and after the surge; "
            + "backlog drained %.1f s after the last registration.%n", relayed, drainSeconds);
        System.out.printf("Registrations reached %.0f%% of the raw JDBC rate and %.0f%% of the "
                + "trivial endpoint's; target 1000/s at p99 < 100 ms: %s%n",
            100 * registrations.perSecond() / rows.perSecond(),
            100 * registrations.perSecond() / trivial.perSecond(),
            registrations.perSecond() >= 1000 && registrations.millis(99) < 100
                ? "met" : "not met");
      } finally {
        service.close();
      }
    }
  }

  private static ConfigurableApplicationContext startService(PostgresDatabase database,
                                                             String bootstrapServers,
                                                             int poolSize) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.hikari.maximum-pool-size", poolSize);
    properties.put("server.port", "0");
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", database.username());
    properties.put("spring.datasource.password", database.password());
    properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.org.apache.kafka", "ERROR");
    String unlimited = "1000000000/1s";
    for (String limit : List.of("registrations-per-client", "codes-per-client",
        "codes-per-contact", "code-checks-per-client", "sms-numbers-per-client",
        "sms-numbers-per-block", "sms-per-foreign-region")) {
      properties.put("tocsin.subscriptions.rate-limits." + limit, unlimited);
    }
    // As command-line arguments, so that they win over the service's own configuration.
    return SpringApplication.run(SubscriptionsApplication.class, properties.entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue())
        .toArray(String[]::new));
  }

  private static boolean register(HttpClient http, String base) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String number = "+3247" + String.format("%07d", random.nextInt(10_000_000));
    String contacts = "{\"channel\":\"SMS\",\"address\":\"" + number + "\"}";
    if (random.nextInt(4) == 0) {
      contacts += ",{\"channel\":\"EMAIL\",\"address\":\"c" + random.nextLong(Long.MAX_VALUE)
          + "@example.org\"}";
    }
    String zones = random.nextBoolean() ? "\"bench-zone-" + random.nextInt(ZONES) + "\"" : "";
    String body = String.format("{\"language\":\"%s\",\"contacts\":[%s],\"locations\":"
            + "[{\"label\":\"Home\",\"latitude\":%.5f,\"longitude\":%.5f}],\"zones\":[%s]}",
        List.of("nl", "fr", "de", "en").get(random.nextInt(4)), contacts,
        49.5 + random.nextDouble() * 2, 2.5 + random.nextDouble() * 4, zones);
    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
            URI.create(base + "/api/v1/subscriptions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding());
    return response.statusCode() == 201;
  }

  private static boolean get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  /** The rows of one registration with one SMS contact, in one transaction, by plain JDBC. */
  private static boolean insertRows(HikariDataSource pool) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    UUID subscriber = UUID.randomUUID();
    UUID contact = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    byte[] token = new byte[32];
    random.nextBytes(token);
    byte[] payload = new byte[600];
    random.nextBytes(payload);
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "INSERT INTO subscriber (id, revision, language, "
          + "management_token_hash, created_at, changed_at) VALUES (?, 1, 'nl', ?, ?, ?)",
          subscriber, token, now, now);
      execute(connection, "INSERT INTO contact (id, subscriber_id, channel, address, region, "
          + "created_at) VALUES (?, ?, 'SMS', ?, 'BE', ?)", contact, subscriber,
          "+3247" + random.nextInt(10_000_000), now);
      execute(connection, "INSERT INTO location (subscriber_id, position, label, latitude, "
          + "longitude) VALUES (?, 0, 'Home', ?, ?)", subscriber, 50.5, 4.4);
      execute(connection, "INSERT INTO verification_code (id, contact_id, purpose, salt, "
          + "code_hash, created_at, expires_at) VALUES (?, ?, 'VERIFY', ?, ?, ?, ?)",
          UUID.randomUUID(), contact, token, token, now, now);
      execute(connection, "INSERT INTO tocsin_outbox (topic, record_key, payload) "
          + "VALUES (?, ?, ?)", REFERENCE_TOPIC, contact.toString(), payload);
      execute(connection, "SELECT pg_notify('tocsin_outbox', '')");
      connection.commit();
    }
    return true;
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    }
  }

  private static HikariDataSource pool(PostgresDatabase database, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.username());
    config.setPassword(database.password());
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static void publishZones(String bootstrapServers) throws Exception {
    Topic<String, ZoneChanged> topic = Topics.DEFAULTS.zones();
    try (KafkaProducer<String, ZoneChanged> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (int i = 0; i < ZONES; i++) {
        producer.send(new ProducerRecord<>(topic.name(), "bench-zone-" + i,
            ZoneChanged.newBuilder().setZoneId("bench-zone-" + i)
                .setKind(ZoneKind.MUNICIPALITY).setNames(Map.of("nl", "Zone " + i))
                .setInteriorPoint(new Coordinate(50.5, 4.4)).setChangedAt(Instant.now())
                .build())).get();
      }
    }
  }

  private static void awaitZones(JdbcTemplate jdbc) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM zone", Long.class) < ZONES) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The zone catalogue did not load");
      }
      Thread.sleep(100);
    }
  }

  private static void awaitEmptyOutbox(JdbcTemplate jdbc) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The outbox did not drain");
      }
      Thread.sleep(50);
    }
  }

  private static long published(ConfigurableApplicationContext service) {
    return (long) service.getBean(MeterRegistry.class).counter("tocsin.outbox.published").count();
  }
}
