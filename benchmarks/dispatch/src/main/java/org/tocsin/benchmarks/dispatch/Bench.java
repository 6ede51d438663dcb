package org.tocsin.benchmarks.dispatch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.ProducerPerformance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatchersms.DispatcherSmsApplication;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.twilio.TwilioFake;

/** A broker, the Twilio fake, dispatcher-sms and Kafka's own producer benchmark, in one JVM. */
final class Bench implements AutoCloseable {

  static final int PARTITIONS = 6;

  final InProcessKafkaBroker broker = InProcessKafkaBroker.start();
  final TwilioFake fake = TwilioFake.start();
  final Topics topics = Topics.DEFAULTS;
  private final KafkaProducer<byte[], byte[]> producer;

  Bench() {
    List<NewTopic> definitions = topics.forChannel(Channel.SMS).stream()
        .map(topic -> topic.newTopic(PARTITIONS, (short) 1)).toList();
    broker.createTopics(definitions);
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        // Setting up the benchmark only: in order, and a record written twice is harmless.
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  <V> void send(Topic<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(),
        key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  void flush() {
    producer.flush();
  }

  ConfigurableApplicationContext startDispatcher(Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
    properties.put("tocsin.dispatcher.instance-id", "bench");
    properties.put("tocsin.dispatcher.topic-partitions", PARTITIONS);
    properties.put("tocsin.sms.primary.account-sid", fake.accountSid());
    properties.put("tocsin.sms.primary.auth-token", fake.authToken());
    properties.put("tocsin.sms.primary.from", "Tocsin");
    properties.put("tocsin.sms.primary.api-base-url", fake.baseUrl());
    properties.put("management.endpoints.web.exposure.include", "health");
    properties.putAll(overrides);
    String[] arguments = properties.entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(DispatcherSmsApplication.class).run(arguments);
  }

  /** Kafka's own producer benchmark on this broker: records per second. */
  double producerPerformance(String topicName, long records, int recordSize,
                             String compression) throws Exception {
    broker.createTopics(List.of(new NewTopic(topicName, PARTITIONS, (short) 1)));
    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ProducerPerformance.main(new String[] {"--topic", topicName,
          "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
          "--throughput", "-1", "--producer-props",
          "bootstrap.servers=" + broker.bootstrapServers(), "acks=all", "linger.ms=5",
          "batch.size=262144", "compression.type=" + compression, "enable.idempotence=true",
          // Transactions of about the length of a fan-out chunk, as the fan-out commits.
          "--transactional-id", "bench-perf-" + topicName, "--transaction-duration-ms", "100"});
    } finally {
      System.setOut(console);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    // The last line is the summary: "N records sent, R records/sec (...), ... 50th, ...".
    Matcher summary = Pattern.compile("([0-9]+) records sent, ([0-9.]+) records/sec.*50th")
        .matcher(output);
    String sent = null;
    String rate = null;
    while (summary.find()) {
      sent = summary.group(1);
      rate = summary.group(2);
    }
    if (rate == null) {
      throw new IllegalStateException("No summary in ProducerPerformance output: " + output);
    }
    if (Long.parseLong(sent) != records) {
      System.out.printf("ProducerPerformance sent %s of %,d records on %s%n", sent, records,
          topicName);
    }
    return Double.parseDouble(rate);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Override
  public void close() {
    producer.close();
    fake.close();
    broker.close();
  }
}
