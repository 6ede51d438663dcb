package org.tocsin.benchmarks.dispatch;

import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.topic.TopicFollower;
import org.tocsin.events.serde.EventDeserializer;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;
import org.tocsin.testing.twilio.SentSms;

/**
 * Fan-out of one alert over a province and one over the whole country to a synthetic national
 * population, next to Kafka's own ProducerPerformance for as many records of the same size on
 * the same broker.
 */
final class FanOutBenchmark {

  private static final long SEED = 20_260_601L;

  private FanOutBenchmark() {
  }

  private record Result(String name, long targeted, long matchingMillis, long firstMessageMillis,
                        long committedMillis, long reportedMillis, int recordBytes,
                        double kafkaRecordsPerSecond, double kafkaUncompressedPerSecond) {
  }

  static void run(String[] args) throws Exception {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Population population = new Population();
    double directoryMegabytes = directoryHeap(population, subscribers);

    try (Bench bench = new Bench()) {
      long publishing = System.nanoTime();
      population.generate(subscribers, SEED,
          subscriber -> bench.send(bench.topics.subscriptions(), subscriber.getSubscriberId(),
              subscriber));
      bench.flush();
      System.out.printf("Published %,d subscribers in %.1f s%n", subscribers,
          (System.nanoTime() - publishing) / 1e9);

      long starting = System.nanoTime();
      ConfigurableApplicationContext dispatcher = bench.startDispatcher(Map.of(
          "tocsin.sms.primary.messages-per-second", 100));
      TopicFollower<?> follower = dispatcher.getBean("directoryFollower", TopicFollower.class);
      follower.caughtUp().join();
      double startAndRestore = (System.nanoTime() - starting) / 1e9;
      double restore = follower.catchUpTime().toMillis() / 1e3;
      int inDirectory = dispatcher.getBean(SubscriberDirectory.class).size();

      List<Result> results = new ArrayList<>();
      try (dispatcher) {
        // The province alert goes to the normal lane and the country alert to the high lane,
        // so that the second's first message does not queue behind the first's tasks (sent
        // at 100 SMS/s).
        results.add(fanOut(bench, "province (Antwerp)", Population.ANTWERP_PROVINCE,
            Severity.MODERATE));
        results.add(fanOut(bench, "country (Belgium)", Population.BELGIUM, Severity.SEVERE));
      }

      for (int i = 0; i < results.size(); i++) {
        Result result = results.get(i);
        double lz4 = bench.producerPerformance("bench.perf.lz4." + i, result.targeted(),
            result.recordBytes(), "lz4");
        double none = bench.producerPerformance("bench.perf.none." + i, result.targeted(),
            result.recordBytes(), "none");
        results.set(i, new Result(result.name(), result.targeted(), result.matchingMillis(),
            result.firstMessageMillis(), result.committedMillis(), result.reportedMillis(),
            result.recordBytes(), lz4, none));
      }

      StringBuilder table = new StringBuilder();
      table.append(String.format("%nFan-out, %,d subscribers (%,d with an SMS contact in the "
              + "directory), %d partitions%n", subscribers, inDirectory, Bench.PARTITIONS));
      table.append(String.format("| measurement | %s | %s |%n", results.get(0).name(),
          results.get(1).name()));
      table.append("|---|---|---|\n");
      row(table, "recipients (tasks)", results, r -> String.format("%,d", r.targeted()));
      row(table, "task record size (key + value)", results, r -> r.recordBytes() + " B");
      row(table, "matching", results, r -> r.matchingMillis() + " ms");
      row(table, "alert published -> first SMS at the fake", results,
          r -> r.firstMessageMillis() + " ms");
      row(table, "alert read -> every task committed (report)", results,
          r -> String.format("%.2f s", r.committedMillis() / 1e3));
      row(table, "alert published -> report visible", results,
          r -> String.format("%.2f s", r.reportedMillis() / 1e3));
      row(table, "Kafka ProducerPerformance, same count and size, lz4", results,
          r -> String.format("%.2f s (%,.0f rec/s)", r.targeted() / r.kafkaRecordsPerSecond(),
              r.kafkaRecordsPerSecond()));
      row(table, "Kafka ProducerPerformance, same count and size, uncompressed", results,
          r -> String.format("%.2f s (%,.0f rec/s)",
              r.targeted() / r.kafkaUncompressedPerSecond(), r.kafkaUncompressedPerSecond()));
      row(table, "fan-out time / Kafka's time (lz4)", results, r -> String.format("%.2f x",
          r.committedMillis() / 1e3 / (r.targeted() / r.kafkaRecordsPerSecond())));
      table.append(String.format("%nDirectory: restored in %.2f s (%.2f s with the application's"
          + " start); heap of a standalone directory of %,d subscribers: %.0f MB%n", restore,
          startAndRestore, subscribers, directoryMegabytes));
      System.out.println(table);
    }
  }

  private static Result fanOut(Bench bench, String name, double[][] outline, Severity severity)
      throws Exception {
    bench.fake.reset();
    String alertId = UUID.randomUUID().toString();
    Area area = new Area(name, List.of(Population.polygon(outline)), List.of(), List.of());
    Instant now = Instant.now();
    String text = "Benchmark " + name + ": stay indoors, close doors and windows.";
    AlertEvent alert = AlertEvent.newBuilder()
        .setAlertId(alertId).setVersion(1).setIdentifier(alertId).setSender("bench")
        .setSent(now).setStatus(AlertStatus.ACTUAL).setMsgType(MessageType.ALERT)
        .setReferences(List.of()).setCategories(List.of(AlertCategory.CBRNE))
        .setEvent("Benchmark").setUrgency(Urgency.IMMEDIATE).setSeverity(severity)
        .setCertainty(Certainty.OBSERVED).setEffective(now).setExpires(now.plusSeconds(7200))
        .setInfos(List.of(info("nl", text), info("fr", text), info("de", text),
            info("en", text)))
        .setArea(area).setPreviousArea(null).setChannels(List.of(Channel.SMS))
        .setIssuedBy("bench").setApprovedBy(null).setNote(null).build();
    try (KafkaConsumer<byte[], byte[]> statuses = consumer(bench)) {
      List<TopicPartition> partitions = statuses.partitionsFor(bench.topics.deliveryStatus()
          .name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      statuses.assign(partitions);
      statuses.seekToEnd(partitions);
      partitions.forEach(statuses::position);
      long published = System.nanoTime();
      Instant publishedAt = Instant.now();
      bench.send(bench.topics.alerts(), alertId, alert);
      bench.flush();
      Bench.await("first message of " + name, Duration.ofMinutes(5),
          () -> bench.fake.messages().stream().anyMatch(sms -> sms.body().equals(text)));
      SentSms first = bench.fake.messages().stream().filter(sms -> sms.body().equals(text))
          .findFirst().orElseThrow();
      FanOutReport report = null;
      EventDeserializer<DeliveryStatus> reader = new EventDeserializer<>(DeliveryStatus.class);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (report == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : statuses.poll(Duration.ofMillis(50))) {
          DeliveryStatus status = reader.deserialize(record.topic(), record.value());
          if (status.getOutcome() == DeliveryOutcome.FANNED_OUT
              && alertId.equals(status.getAlertId())) {
            report = status.getFanOut();
          }
        }
      }
      if (report == null) {
        throw new IllegalStateException("No fan-out report for " + name);
      }
      long reported = (System.nanoTime() - published) / 1_000_000;
      Lane lane = severity == Severity.SEVERE ? Lane.HIGH : Lane.NORMAL;
      return new Result(name, report.getTargeted(), report.getMatchingMillis(),
          Duration.between(publishedAt, first.acceptedAt()).toMillis(),
          report.getDurationMillis(), reported, recordSize(bench, lane), 0, 0);
    }
  }

  /** Average key + value size of the task records on a lane. */
  private static int recordSize(Bench bench, Lane lane) {
    try (KafkaConsumer<byte[], byte[]> tasks = consumer(bench)) {
      String topic = bench.topics.deliveries(Channel.SMS, lane).name();
      List<TopicPartition> partitions = tasks.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      tasks.assign(partitions);
      tasks.seekToBeginning(partitions);
      long bytes = 0;
      int count = 0;
      while (count < 2000) {
        for (ConsumerRecord<byte[], byte[]> record : tasks.poll(Duration.ofMillis(200))) {
          bytes += record.serializedKeySize() + record.serializedValueSize();
          count++;
        }
      }
      return (int) (bytes / count);
    }
  }

  private static double directoryHeap(Population population, int subscribers) {
    long before = Bench.usedHeapAfterGc();
    SubscriberDirectory directory = new SubscriberDirectory(Channel.SMS);
    List<SubscriberDirectory.Change> batch = new ArrayList<>();
    population.generate(subscribers, SEED, subscriber -> {
      batch.add(new SubscriberDirectory.Change(subscriber.getSubscriberId(), subscriber, 0));
      if (batch.size() == 10_000) {
        directory.apply(batch);
        batch.clear();
      }
    });
    directory.apply(batch);
    batch.clear();
    long after = Bench.usedHeapAfterGc();
    Reference.reachabilityFence(directory);
    return (after - before) / 1e6;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Bench bench) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Texts of a realistic length: a few paragraphs of description, a few instructions. */
  private static Info info(String language, String text) {
    return Info.newBuilder().setLanguage(language).setSenderName("Benchmark")
        .setHeadline("Benchmark alert")
        .setDescription(("A fire in a chemical warehouse releases thick smoke that drifts over "
            + "the area with the wind. Measurements are under way. ").repeat(6))
        .setInstruction("Go inside, close doors and windows, switch off ventilation. "
            + "Do not pick children up from school: they are sheltered there. Follow the news.")
        .setSmsText(text).setWeb(null).build();
  }

  private static void row(StringBuilder table, String label, List<Result> results,
                          java.util.function.Function<Result, String> value) {
    table.append("| ").append(label);
    for (Result result : results) {
      table.append(" | ").append(value.apply(result));
    }
    table.append(" |\n");
  }

}
