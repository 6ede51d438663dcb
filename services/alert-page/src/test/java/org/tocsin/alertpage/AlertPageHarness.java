package org.tocsin.alertpage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.testing.kafka.KafkaBrokers;
import org.tocsin.testing.spring.RealKafka;

/**
 * alert-page in this JVM on a free port, following an alerts topic of its own on the real
 * Kafka broker of the tests. Every test class built on it shares the one application.
 */
@SpringBootTest(classes = AlertPageApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealKafka
public abstract class AlertPageHarness {

  /** The longest a version may take from the topic to its page: poll, render, then serve. */
  protected static final Duration RENDERED_WITHIN = Duration.ofSeconds(30);
  private static final String ALERTS = "alert-page-it-" + Long.toHexString(System.nanoTime())
      + ".alerts";

  private static KafkaProducer<String, byte[]> producer;

  protected final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @LocalServerPort
  protected int port;
  @Autowired
  protected Topics topics;

  @DynamicPropertySource
  static void alertsTopic(DynamicPropertyRegistry registry) {
    KafkaBrokers.shared().createTopics(List.of(new NewTopic(ALERTS, 3, (short) 1)));
    registry.add("tocsin.topics.alerts", () -> ALERTS);
  }

  @AfterAll
  static void closeProducer() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Publishes versions as alert-intake does: keyed by alert id, acknowledged by all. */
  protected void publish(AlertEvent... versions) {
    for (AlertEvent version : versions) {
      publishBytes(version.getAlertId(),
          topics.alerts().valueSerde().serializer().serialize(ALERTS, version));
    }
  }

  protected void publishBytes(String key, byte[] value) {
    try {
      producer().send(new ProducerRecord<>(ALERTS, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot publish to " + ALERTS, e.getCause());
    }
  }

  protected HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asks for the page until it answers as wanted, for at most {@link #RENDERED_WITHIN}. */
  protected HttpResponse<String> awaitPage(String path, Predicate<HttpResponse<String>> wanted) {
    long deadline = System.nanoTime() + RENDERED_WITHIN.toNanos();
    while (true) {
      HttpResponse<String> response = get(path, "Accept-Language", "en");
      if (wanted.test(response)) {
        return response;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " still answers " + response.statusCode() + " after "
            + RENDERED_WITHIN + ":\n" + response.body());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokers.shared().bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }
}
