package org.tocsin.alertintake.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.alertintake.support.AlertTopic;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.TestIssuer;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.outbox.OutboxRelay;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.spring.RealPostgres;

/**
 * Kafka goes away while operators keep issuing, updating and cancelling: every call is
 * accepted, and once the broker is back every event is on the topic exactly once, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tocsin.outbox.transactional-id=alert-intake-outage-${random.uuid}",
    "tocsin.outbox.min-backoff=100ms",
    "tocsin.outbox.max-backoff=1s"})
@RealPostgres
class OutboxOutageIT {

  private static final InProcessKafkaBroker broker = InProcessKafkaBroker.start();
  private static final TestIssuer issuer = TestIssuer.shared();

  @LocalServerPort
  int port;
  @Autowired
  Topics topics;
  @Autowired
  OutboxRelay relay;
  @Autowired
  JdbcTemplate jdbc;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.ISSUER);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void alertsAcceptedWhileKafkaIsDownArePublishedOnceEachAndInOrderWhenItReturns()
      throws InterruptedException {
    Api api = new Api(port);
    String operator = issuer.token("olivia", "OPERATOR");
    String warmUp = issueExercise(api, operator);
    assertThat(read(Map.of(warmUp, 1))).containsEntry(warmUp, List.of(1));

    broker.stop();
    String corrected = issueExercise(api, operator);
    assertThat(api.post("/api/v1/alerts/" + corrected + "/update", operator,
        Fixtures.alert("EXERCISE")).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/alerts/" + corrected + "/cancel", operator,
        Map.of("reason", "Einde")).status()).isEqualTo(200);
    String second = issueExercise(api, operator);
    String third = issueExercise(api, operator);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (relay.lastError() == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(relay.lastError()).as("the relay saw the broker go").startsWith("kafka:");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class))
        .as("every accepted change waits in the outbox").isEqualTo(5);

    broker.restart();
    Map<String, List<Integer>> versions = read(Map.of(corrected, 3, second, 1, third, 1));
    assertThat(versions).containsEntry(corrected, List.of(1, 2, 3))
        .containsEntry(second, List.of(1)).containsEntry(third, List.of(1));
  }

  private static String issueExercise(Api api, String operator) {
    Api.Response created = api.post("/api/v1/alerts", operator, Fixtures.alert("EXERCISE"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    Api.Response issued = api.post("/api/v1/alerts/" + id + "/issue", operator, null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    return id;
  }

  /** The versions read per alert, in topic order, once each alert has its expected count. */
  private Map<String, List<Integer>> read(Map<String, Integer> expected) {
    int total = expected.values().stream().mapToInt(Integer::intValue).sum();
    return AlertTopic.read(broker.bootstrapServers(), topics.alerts(),
            (ConsumerRecord<String, AlertEvent> r) -> expected.containsKey(r.key()), total,
            Duration.ofSeconds(60))
        .stream().collect(Collectors.groupingBy(ConsumerRecord::key,
            Collectors.mapping(r -> r.value().getVersion(), Collectors.toList())));
  }
}
