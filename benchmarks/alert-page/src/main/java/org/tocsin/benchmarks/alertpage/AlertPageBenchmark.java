package org.tocsin.benchmarks.alertpage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.alertpage.AlertPageApplication;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertCategory;
import org.tocsin.events.v1.AlertEvent;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Area;
import org.tocsin.events.v1.Certainty;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Circle;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.Info;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Polygon;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.Urgency;
import org.tocsin.testing.kafka.InProcessKafkaBroker;

/**
 * The rush after a national alert: readers opening an alert's page, against the same bytes as a
 * static file served by the same server (Spring's static resource handler), in the same JVM and
 * the same run, at the same concurrency, each measured in interleaved rounds so that a burst of
 * load on the machine falls on both. Prints requests per second and latencies. Argument: the
 * seconds of each measured round (default 15).
 */
public final class AlertPageBenchmark {

  private static final int CONCURRENCY = 32;
  private static final int ROUNDS = 3;
  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private AlertPageBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Duration round = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 15);
    int status = 1;
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start()) {
      run(broker, round);
      status = 0;
    } finally {
      System.exit(status);
    }
  }

  private static void run(InProcessKafkaBroker broker, Duration round) throws Exception {
    Topic<String, AlertEvent> alerts = Topics.DEFAULTS.alerts();
    broker.createTopics(List.of(alerts.newTopic(3, (short) 1)));
    Path staticFiles = Files.createTempDirectory("tocsin-alert-page-bench");
    // As arguments: the service's own application.yml would override default properties.
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(
        AlertPageApplication.class).run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
            "--spring.web.resources.static-locations=" + staticFiles.toUri(),
            "--logging.level.root=WARN")) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      AlertEvent alert = nationalAlert();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(alerts.name(), alert.getAlertId(),
            alerts.valueSerde().serializer().serialize(alerts.name(), alert))).get();
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String page = base + "/alerts/" + alert.getAlertId() + "?lang=nl";
      byte[] html = awaitPage(http, page);
      Files.write(staticFiles.resolve("alert.html"), html);
      String file = base + "/alert.html";
      if (get(http, file).body().length != html.length) {
        throw new IllegalStateException("The static copy is not the page's bytes");
      }

      measure(http, file, WARM_UP);
      measure(http, page, WARM_UP);
      List<Result> files = new ArrayList<>();
      List<Result> pages = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        files.add(measure(http, file, round));
        pages.add(measure(http, page, round));
      }
      print(html.length, round, Result.merge(files), Result.merge(pages));
    }
  }

  private static byte[] awaitPage(HttpClient http, String url) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response = get(http, url);
      if (response.statusCode() == 200) {
        return response.body();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(url + " was not rendered within a minute");
  }

  private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@link #CONCURRENCY} readers asking for {@code url} one request after another. */
  private static Result measure(HttpClient http, String url, Duration duration)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Accept-Language", "nl-BE,nl;q=0.9").build();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<long[]>> readers = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < CONCURRENCY; t++) {
        readers.add(threads.submit(() -> {
          long[] latencies = new long[1024];
          int count = 0;
          while (System.nanoTime() < end) {
            long before = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request,
                HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
              throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = System.nanoTime() - before;
          }
          return Arrays.copyOf(latencies, count);
        }));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> reader : readers) {
      all.add(reader.get());
    }
    return Result.of(all, seconds);
  }

  private record Result(long[] sortedNanos, double seconds) {

    static Result of(List<long[]> latencies, double seconds) {
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(all, seconds);
    }

    static Result merge(List<Result> rounds) {
      return of(rounds.stream().map(Result::sortedNanos).toList(),
          rounds.stream().mapToDouble(Result::seconds).sum());
    }

    double perSecond() {
      return sortedNanos.length / seconds;
    }

    double millis(double quantile) {
      int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
      return sortedNanos[Math.max(0, index)] / 1e6;
    }
  }

  private static void print(int bytes, Duration round, Result file, Result page) {
    System.out.printf("""

        Alert page views, %d concurrent readers (JDK HttpClient, HTTP/1.1, keep-alive), %,d-byte
        page, %d interleaved rounds of %d s each, %d cores
        | measurement          | requests/s | p50 ms | p99 ms | max ms | requests  |
        |----------------------|------------|--------|--------|--------|-----------|
        | static file (same bytes) | %,10.0f | %6.2f | %6.2f | %6.1f | %,9d |
        | alert page           | %,10.0f | %6.2f | %6.2f | %6.1f | %,9d |
        | page / static file   | %9.2f x | | %5.2f x | | |
        %n""", CONCURRENCY, bytes, ROUNDS, round.toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        file.perSecond(), file.millis(0.5), file.millis(0.99), file.millis(1.0),
        file.sortedNanos().length,
        page.perSecond(), page.millis(0.5), page.millis(0.99), page.millis(1.0),
        page.sortedNanos().length,
        page.perSecond() / file.perSecond(), page.millis(0.99) / file.millis(0.99));
  }

  /** A national alert as alert-intake publishes it: four languages, an area and a circle. */
  private static AlertEvent nationalAlert() {
    Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Info> infos = List.of(
        info("nl", "Giftige rook na brand in Antwerpse haven",
            "Een grote brand in een chemisch opslagbedrijf veroorzaakt een rookpluim die naar "
                + "het zuidoosten trekt. Metingen tonen irriterende stoffen in de lucht.",
            "Blijf binnen. Sluit ramen en deuren. Zet ventilatie en airco uit. Volg de media."),
        info("fr", "Fumée toxique après un incendie au port d'Anvers",
            "Un important incendie dans un dépôt chimique produit un panache de fumée qui se "
                + "dirige vers le sud-est. Les mesures montrent des substances irritantes.",
            "Restez à l'intérieur. Fermez portes et fenêtres. Coupez la ventilation."),
        info("de", "Giftiger Rauch nach Brand im Antwerpener Hafen",
            "Ein Großbrand in einem Chemielager verursacht eine Rauchwolke Richtung Südosten.",
            "Bleiben Sie drinnen. Schließen Sie Fenster und Türen."),
        info("en", "Toxic smoke after a fire in the port of Antwerp",
            "A large fire at a chemical storage site sends a plume of smoke south-east.",
            "Stay indoors. Close windows and doors. Switch off ventilation."));
    return AlertEvent.newBuilder()
        .setAlertId("bench-" + sent.toEpochMilli())
        .setVersion(1)
        .setIdentifier("TOCSIN-bench-1")
        .setSender("tocsin.invalid")
        .setSent(sent)
        .setStatus(AlertStatus.ACTUAL)
        .setMsgType(MessageType.ALERT)
        .setReferences(List.of())
        .setCategories(List.of(AlertCategory.CBRNE))
        .setEvent("Chemical release")
        .setUrgency(Urgency.IMMEDIATE)
        .setSeverity(Severity.SEVERE)
        .setCertainty(Certainty.OBSERVED)
        .setEffective(sent)
        .setExpires(sent.plus(Duration.ofHours(6)))
        .setInfos(infos)
        .setArea(new Area("Antwerp port and surroundings",
            List.of(new Polygon(List.of(new Coordinate(51.18, 4.25), new Coordinate(51.18, 4.45),
                new Coordinate(51.32, 4.45), new Coordinate(51.32, 4.25),
                new Coordinate(51.18, 4.25)), List.of())),
            List.of(new Circle(new Coordinate(51.23, 4.40), 5000.0)), List.of()))
        .setPreviousArea(null)
        .setChannels(List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH))
        .setIssuedBy("olivia")
        .setApprovedBy("arthur")
        .setNote(null)
        .build();
  }

  private static Info info(String language, String headline, String description,
                           String instruction) {
    return Info.newBuilder().setLanguage(language).setSenderName(null).setHeadline(headline)
        .setDescription(description).setInstruction(instruction)
        .setSmsText(headline).setWeb(null).build();
  }
}
