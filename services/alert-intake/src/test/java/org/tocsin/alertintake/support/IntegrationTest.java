package org.tocsin.alertintake.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.testing.spring.RealKafka;
import org.tocsin.testing.spring.RealPostgres;

/**
 * The running service on a random port, with the JVM's real Kafka broker, a database of its own
 * on the real PostgreSQL and tokens from {@link TestIssuer}. Every subclass shares one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tocsin.outbox.transactional-id=alert-intake-it-${random.uuid}",
    "tocsin.outbox.min-backoff=100ms",
    "tocsin.outbox.max-backoff=1s",
    "tocsin.alerts.expiry-check-interval=1s"})
@RealKafka
@RealPostgres
public abstract class IntegrationTest {

  protected static final TestIssuer ISSUER = TestIssuer.shared();

  @LocalServerPort
  protected int port;
  @Value("${spring.kafka.bootstrap-servers}")
  protected String bootstrapServers;
  @Autowired
  protected JdbcTemplate jdbc;
  @Autowired
  protected Topics topics;

  protected Api api;

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.ISSUER);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
  }

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  protected static String operator(String name) {
    return ISSUER.token(name, "OPERATOR");
  }

  protected static String approver(String name) {
    return ISSUER.token(name, "APPROVER");
  }

  protected static String admin() {
    return ISSUER.token("admin", "ADMIN");
  }

  protected static String auditor() {
    return ISSUER.token("auditor", "AUDITOR");
  }

  /** Imports the test zones of {@link Fixtures#zones} under this prefix. */
  protected void importZones(String prefix) {
    Api.Response response = api.post("/api/v1/zones", admin(), Fixtures.zones(prefix));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  /** The events of this alert on the topic, once {@code expected} arrived (duplicates show). */
  protected List<AlertEvent> events(String alertId, int expected) {
    return AlertTopic.read(bootstrapServers, topics.alerts(),
            (ConsumerRecord<String, AlertEvent> r) -> alertId.equals(r.key()), expected,
            Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).toList();
  }

  /** The events of this alert once the outbox is empty: for alerts that must have none. */
  protected List<AlertEvent> eventsOnceRelayed(String alertId) throws InterruptedException {
    awaitOutboxRelayed();
    return AlertTopic.read(bootstrapServers, topics.alerts(),
            (ConsumerRecord<String, AlertEvent> r) -> alertId.equals(r.key()), 0,
            Duration.ZERO)
        .stream().map(ConsumerRecord::value).toList();
  }

  protected long rows(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  /** Waits until the relay emptied the outbox, so that the topics stop moving. */
  protected void awaitOutboxRelayed() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rows("tocsin_outbox") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(rows("tocsin_outbox")).isZero();
  }

  /** What a refused request must leave untouched: every table and every topic it could write. */
  protected record State(Map<String, Long> rows, Map<TopicPartition, Long> alertOffsets,
                         Map<TopicPartition, Long> zoneOffsets) {
  }

  protected State state() throws InterruptedException {
    awaitOutboxRelayed();
    Map<String, Long> rows = new java.util.TreeMap<>();
    for (String table : List.of("alerts", "alert_versions", "alert_zones", "alert_audit",
        "idempotency_keys", "zones", "zone_codes", "cap_imports", "tocsin_outbox")) {
      rows.put(table, rows(table));
    }
    return new State(rows, AlertTopic.endOffsets(bootstrapServers, topics.alerts()),
        AlertTopic.endOffsets(bootstrapServers, topics.zones()));
  }
}
