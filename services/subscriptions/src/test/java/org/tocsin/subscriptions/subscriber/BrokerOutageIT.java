package org.tocsin.subscriptions.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.location;
import static org.tocsin.subscriptions.Registrations.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.subscriptions.Api;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.KafkaTopicsReader;
import org.tocsin.subscriptions.Numbers;
import org.tocsin.subscriptions.Registrations;
import org.tocsin.subscriptions.Registrations.Registered;
import org.tocsin.subscriptions.SubscriptionsApplication;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.spring.RealPostgres;

/**
 * The broker goes away while citizens keep changing their subscriptions: the service keeps
 * answering, and when the broker is back every change reaches the topic once, in each
 * subscriber's order.
 */
@SpringBootTest(classes = SubscriptionsApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
        "tocsin.outbox.min-backoff=100ms",
        "tocsin.outbox.max-backoff=1s"})
@RealPostgres
class BrokerOutageIT {

  private static final InProcessKafkaBroker broker = InProcessKafkaBroker.start();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  SubscriberRepository subscribers;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void changesMadeWhileTheBrokerIsDownArriveOnceInEachSubscribersOrder() {
    KafkaTopicsReader topics = new KafkaTopicsReader(broker.bootstrapServers());
    List<Registered> verified = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Registrations client = new Registrations(Api.fromRandomClient(port), topics);
      Registered registered = client.registerVerified(Numbers.randomBelgianMobile());
      topics.awaitSubscriber(registered.id(), value -> value != null);
      verified.add(registered);
    }

    broker.stop();
    for (int change = 1; change <= 5; change++) {
      for (Registered registered : verified) {
        Response updated = Api.fromRandomClient(port).withToken(registered.token())
            .put("/api/v1/subscriptions/" + registered.id(), Map.of("language", "fr",
                "locations", List.of(location("Change " + change, 50.0 + change / 100.0, 4.4))));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      }
    }
    Registered erased = verified.get(2);
    assertThat(Api.fromRandomClient(port).withToken(erased.token())
        .delete("/api/v1/subscriptions/" + erased.id()).status()).isEqualTo(204);
    String newcomer = Numbers.randomBelgianMobile();
    Response registered = Api.fromRandomClient(port).post("/api/v1/subscriptions",
        Map.of("language", "de", "contacts", List.of(sms(newcomer))));
    assertThat(registered.status()).as("registration works without the broker")
        .isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class))
        .as("the changes wait in the outbox").isEqualTo(3 * 5 + 1 + 1);

    broker.restart();
    awaitEmptyOutbox();

    for (Registered subscriber : verified) {
      List<ConsumerRecord<String, SubscriberChanged>> events =
          topics.subscriberEvents(subscriber.id());
      List<Long> revisions = events.stream().filter(event -> event.value() != null)
          .map(event -> event.value().getRevision()).toList();
      assertThat(revisions).as("one event per change, in order").hasSize(6).isSorted()
          .doesNotHaveDuplicates();
      assertThat(events.get(5).value().getLocations().get(0).getLabel())
          .isEqualTo("Change 5");
    }
    List<ConsumerRecord<String, SubscriberChanged>> erasedEvents =
        topics.subscriberEvents(erased.id());
    assertThat(erasedEvents).hasSize(7);
    assertThat(erasedEvents.getLast().value()).as("the erasure comes last").isNull();
    for (Registered subscriber : verified.subList(0, 2)) {
      assertThat(topics.subscriberEvents(subscriber.id()).getLast().value())
          .isEqualTo(subscribers.load(subscriber.id())
              .flatMap(SubscriberPublication::deliverableState).orElseThrow());
    }
    assertThat(topics.awaitVerificationTask(Channel.SMS, newcomer).getSubscriberId())
        .isEqualTo(registered.body().get("subscriptionId").asString());
    assertThat(UUID.fromString(registered.body().get("subscriptionId").asString())).isNotNull();
  }

  private void awaitEmptyOutbox() {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (jdbc.queryForObject("SELECT count(*) FROM tocsin_outbox", Long.class) > 0) {
      assertThat(System.nanoTime()).as("the outbox drains").isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
