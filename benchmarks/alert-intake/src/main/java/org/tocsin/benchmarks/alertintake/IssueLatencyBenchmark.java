package org.tocsin.benchmarks.alertintake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.alertintake.AlertIntakeApplication;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.postgres.EmbeddedPostgresServer;
import org.tocsin.testing.postgres.PostgresDatabase;

/**
 * Latency of issuing an alert: from the issue (or approve) request to the AlertEvent read from
 * the alerts topic by a read_committed consumer, through the real service, its PostgreSQL
 * outbox and an in-process Kafka broker, one alert at a time. In the same run, on the same
 * broker, the reference: a bare Kafka producer to consumer round trip, plain (idempotent,
 * acks=all) and in a transaction as the outbox relay publishes.
 *
 * <p>Argument: alerts measured per row (default 1000), after as many for warm-up.
 */
public final class IssueLatencyBenchmark {

  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final Pattern CONTENT_HASH =
      Pattern.compile("\"contentHash\":\"(sha256:[0-9a-f]{64})\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
  private volatile boolean reading;
  private final String base;
  private final String operator;
  private final String approver;

  private IssueLatencyBenchmark(int port, LocalIssuer issuer) {
    this.base = "http://127.0.0.1:" + port;
    this.operator = issuer.token("bench-operator", "OPERATOR");
    this.approver = issuer.token("bench-approver", "APPROVER");
  }

  public static void main(String[] args) throws Exception {
    int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    try (InProcessKafkaBroker kafka = InProcessKafkaBroker.start();
         EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
         LocalIssuer issuer = LocalIssuer.start()) {
      PostgresDatabase database = postgres.createDatabase("bench");
      // Command-line arguments, so that they win over the service's application.yaml.
      ConfigurableApplicationContext service = new SpringApplicationBuilder(
          AlertIntakeApplication.class).run(
              "--server.port=0",
              "--spring.datasource.url=" + database.jdbcUrl(),
              "--spring.datasource.username=" + database.username(),
              "--spring.datasource.password=" + database.password(),
              "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
              "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + LocalIssuer.ISSUER,
              "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
              "--spring.main.banner-mode=off");
      try {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        IssueLatencyBenchmark benchmark = new IssueLatencyBenchmark(port, issuer);
        benchmark.run(kafka.bootstrapServers(), alerts);
      } finally {
        service.close();
      }
    }
  }

  private void run(String bootstrapServers, int alerts) throws Exception {
    Topics topics = Topics.DEFAULTS;
    List<Row> rows = new ArrayList<>();
    Thread reader = Thread.ofPlatform().name("alerts-reader").daemon().start(() ->
        readAlerts(bootstrapServers, topics));
    while (!reading) {
      Thread.sleep(10);
    }
    rows.add(reference(bootstrapServers, alerts, false));
    rows.add(reference(bootstrapServers, alerts, true));
    issue(alerts, false);
    rows.add(issue(alerts, false));
    issue(alerts / 5, true);
    rows.add(issue(alerts, true));
    reading = false;
    reader.join();
    print(rows, alerts);
  }

  /** One row of the table: a histogram of microseconds, and what it measured. */
  private record Row(String name, Histogram histogram, Histogram http) {
  }

  /**
   * Issues alerts one at a time; for ACTUAL ones the approval is what publishes. Returns the
   * latency from the publishing request to the event on the topic.
   */
  private Row issue(int count, boolean actual) throws Exception {
    Histogram toEvent = new Histogram(60_000_000L, 3);
    Histogram response = new Histogram(60_000_000L, 3);
    for (int i = 0; i < count; i++) {
      String id = create(actual ? "ACTUAL" : "EXERCISE");
      String path = "/api/v1/alerts/" + id;
      String approval = null;
      if (actual) {
        HttpResponse<String> requested = post(path + "/issue", operator, null);
        expect(requested, 202);
        Matcher hash = CONTENT_HASH.matcher(requested.body());
        if (!hash.find()) {
          throw new IllegalStateException("No content hash in " + requested.body());
        }
        approval = "{\"contentHash\": \"" + hash.group(1) + "\"}";
      }
      long start = System.nanoTime();
      HttpResponse<String> accepted = post(path + (actual ? "/approve" : "/issue"),
          actual ? approver : operator, approval);
      long answered = System.nanoTime();
      expect(accepted, 200);
      long arrived = awaitEvent(id);
      toEvent.recordValue(Math.max(1, (arrived - start) / 1000));
      response.recordValue(Math.max(1, (answered - start) / 1000));
    }
    return new Row(actual ? "approve ACTUAL alert -> AlertEvent read"
        : "issue EXERCISE alert -> AlertEvent read", toEvent, response);
  }

  private String create(String status) throws Exception {
    String expires = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        .toString();
    String body = """
        {"status": "%s", "categories": ["CBRNE"], "event": "Chemical release",
         "urgency": "IMMEDIATE", "severity": "SEVERE", "certainty": "OBSERVED",
         "expires": "%s",
         "infos": [%s, %s, %s, %s],
         "area": {"description": "Brussels centre",
                  "polygons": [{"type": "Polygon", "coordinates": [[[4.32, 50.82], [4.40, 50.82],
                                [4.40, 50.88], [4.32, 50.88], [4.32, 50.82]]]}],
                  "circles": [{"centre": {"lat": 50.85, "lon": 4.35}, "radiusMetres": 2000}]}}
        """.formatted(status, expires, info("nl"), info("fr"), info("de"), info("en"));
    HttpResponse<String> created = post("/api/v1/alerts", operator, body);
    expect(created, 201);
    Matcher id = ID.matcher(created.body());
    if (!id.find()) {
      throw new IllegalStateException("No id in " + created.body());
    }
    return id.group(1);
  }

  private static String info(String language) {
    return """
        {"language": "%s", "headline": "Toxic smoke", "description": "A warehouse fire releases \
        toxic smoke.", "instruction": "Stay indoors.", "smsText": "Toxic smoke: stay indoors."}
        """.formatted(language);
  }

  /** The bare Kafka round trip on the same broker, through a topic of its own. */
  private static Row reference(String bootstrapServers, int count, boolean transactional)
      throws Exception {
    String topic = "bench.reference." + (transactional ? "tx" : "plain");
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
        "bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 6,
          (short) 1))).all().get();
    }
    Map<String, Object> producerConfig = new java.util.HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0));
    if (transactional) {
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + UUID.randomUUID());
    }
    Histogram histogram = new Histogram(60_000_000L, 3);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
        new StringSerializer(), new StringSerializer());
         KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
             ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
             ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
             ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
             new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      if (transactional) {
        producer.initTransactions();
      }
      for (int i = 0; i < count * 2; i++) {
        String key = UUID.randomUUID().toString();
        long start = System.nanoTime();
        if (transactional) {
          producer.beginTransaction();
          producer.send(new ProducerRecord<>(topic, key, "x".repeat(1500)));
          producer.commitTransaction();
        } else {
          producer.send(new ProducerRecord<>(topic, key, "x".repeat(1500)));
        }
        boolean seen = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seen && System.nanoTime() < deadline) {
          for (var record : consumer.poll(Duration.ofMillis(100))) {
            seen |= record.key().equals(key);
          }
        }
        if (!seen) {
          throw new TimeoutException("Reference record never arrived");
        }
        if (i >= count) {
          histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
      }
    }
    return new Row(transactional
        ? "reference: Kafka transaction commit -> record read"
        : "reference: idempotent send -> record read", histogram, null);
  }

  private void readAlerts(String bootstrapServers, Topics topics) {
    try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer())) {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty()) {
        partitions = consumer.partitionsFor(topics.alerts().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      reading = true;
      while (reading) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          arrivals.putIfAbsent(record.key(), System.nanoTime());
        }
      }
    }
  }

  private long awaitEvent(String alertId) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Long arrived = arrivals.remove(alertId);
      if (arrived != null) {
        return arrived;
      }
      Thread.sleep(0, 100_000);
    }
    throw new TimeoutException("The event of alert " + alertId + " never arrived");
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .POST(json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("Expected " + status + " from " + response.uri() + ", got "
          + response.statusCode() + ": " + response.body());
    }
  }

  private static void print(List<Row> rows, int alerts) {
    System.out.printf(Locale.ROOT, "%nIssue latency, %d per row after warm-up, %d cores%n%n",
        alerts, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "| %-52s | %8s | %8s | %8s | %14s |%n", "measurement",
        "p50 ms", "p99 ms", "max ms", "HTTP p50/p99");
    System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(10), "-".repeat(10),
        "-".repeat(10), "-".repeat(16));
    for (Row row : rows) {
      String httpColumn = row.http() == null ? "" : String.format(Locale.ROOT, "%.1f / %.1f",
          ms(row.http(), 50), ms(row.http(), 99));
      System.out.printf(Locale.ROOT, "| %-52s | %8.1f | %8.1f | %8.1f | %14s |%n", row.name(),
          ms(row.histogram(), 50), ms(row.histogram(), 99),
          row.histogram().getMaxValue() / 1000.0, httpColumn);
    }
    System.out.println();
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
