package org.tocsin.benchmarks.push;

import com.sun.management.OperatingSystemMXBean;
import com.zerodeplibs.webpush.EncryptedPushMessage;
import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatcherpush.DispatcherPushApplication;
import org.tocsin.dispatcherpush.rendering.PushRenderer;
import org.tocsin.dispatcherpush.vapid.VapidKeys;
import org.tocsin.events.topics.Topic;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Location;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.PushKeys;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.kafka.InProcessKafkaBroker;
import org.tocsin.testing.push.FakeSubscription;
import org.tocsin.testing.push.PushServiceFake;
import org.tocsin.testing.push.ReceivedPush;

/**
 * Encrypted pushes to the push service fake (which decrypts every one and checks its VAPID
 * token): dispatcher-push, reading its tasks from Kafka, against a bare loop of the same Web
 * Push library and HTTP client at the same concurrency, in the same JVM and the same run. Prints
 * pushes per second and the process's CPU time per push. Argument: the number of pushes
 * (default 100,000).
 */
public final class PushBenchmark {

  private static final int CONCURRENCY = 64;
  private static final int PARTITIONS = 6;
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private PushBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int status = 1;
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start();
         PushServiceFake fake = PushServiceFake.start()) {
      run(broker, fake, pushes);
      status = 0;
    } finally {
      System.exit(status);
    }
  }

  private static void run(InProcessKafkaBroker broker, PushServiceFake fake, int pushes)
      throws Exception {
    Topics topics = Topics.DEFAULTS;
    List<NewTopic> definitions = new ArrayList<>(topics.forChannel(Channel.PUSH).stream()
        .map(topic -> topic.newTopic(PARTITIONS, (short) 1)).toList());
    definitions.add(topics.contactsGone().newTopic(PARTITIONS, (short) 1));
    broker.createTopics(definitions);
    VapidKeys vapid = VapidKeys.generate();
    FakeSubscription keys = fake.subscribe(vapid.publicKey());
    List<FakeSubscription> subscriptions = new ArrayList<>(pushes);
    for (int i = 0; i < pushes; i++) {
      subscriptions.add(fake.subscribeLike(keys));
    }
    List<DeliveryTask> tasks = tasks(subscriptions);
    PushRenderer renderer = new PushRenderer("http://localhost:8087", "Tocsin");

    Phase bare = bareLoop(fake, vapid.toKeyPair(), renderer, tasks);
    fake.reset();

    try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      for (int i = 0; i < pushes; i++) {
        send(producer, topics.subscriptions(), "sub-" + i, subscriber(i, subscriptions.get(i)));
      }
      producer.flush();
      try (ConfigurableApplicationContext dispatcher = dispatcher(broker, vapid)) {
        SubscriberDirectory directory = dispatcher.getBean(SubscriberDirectory.class);
        await("directory restored", Duration.ofMinutes(5), () -> directory.size() == pushes);
        long cpuBefore = OS.getProcessCpuTime();
        for (DeliveryTask task : tasks) {
          send(producer, topics.deliveries(Channel.PUSH, Lane.NORMAL), task.getRecipient(), task);
        }
        producer.flush();
        await("every push received", Duration.ofMinutes(15), () -> fake.pushCount() >= pushes);
        Phase dispatched = new Phase(rate(fake.pushes()), OS.getProcessCpuTime() - cpuBefore,
            fake.pushCount(), fake.pushes().stream().map(ReceivedPush::subscriptionId)
            .distinct().count());
        print(pushes, bare, dispatched);
      }
    }
  }

  /** The same library calls as the gateway, at the same concurrency, with nothing around them. */
  private static Phase bareLoop(PushServiceFake fake, VAPIDKeyPair vapid, PushRenderer renderer,
                                List<DeliveryTask> tasks) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String authorization = vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
        .resourceURLString(fake.origin()).expiresAfter(12, java.util.concurrent.TimeUnit.HOURS)
        .subject("mailto:alerts@tocsin.invalid").build());
    AtomicInteger next = new AtomicInteger();
    long cpuBefore = OS.getProcessCpuTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < CONCURRENCY; t++) {
        threads.execute(() -> {
          for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
            DeliveryTask task = tasks.get(i);
            EncryptedPushMessage message = MessageEncryptions.of().encrypt(
                UserAgentMessageEncryptionKeyInfo.of(task.getPushKeys().getP256dh(),
                    task.getPushKeys().getAuth()), PushMessage.of(renderer.payload(task)));
            try {
              http.send(HttpRequest.newBuilder(URI.create(task.getRecipient()))
                  .version(HttpClient.Version.HTTP_1_1)
                  .header("Authorization", authorization).header("TTL", "3600")
                  .header("Urgency", "normal")
                  .header("Content-Type", message.mediaType())
                  .header("Content-Encoding", message.contentEncoding())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(message.toBytes())).build(),
                  HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
      }
    }
    return new Phase(rate(fake.pushes()), OS.getProcessCpuTime() - cpuBefore, fake.pushCount(),
        fake.pushes().stream().map(ReceivedPush::subscriptionId).distinct().count());
  }

  private record Phase(double pushesPerSecond, long cpuNanos, long received, long distinct) {

    double cpuMicrosPerPush() {
      return cpuNanos / 1e3 / Math.max(1, received);
    }
  }

  private static void print(int pushes, Phase bare, Phase dispatched) {
    System.out.printf("""

        Push sending, %,d encrypted pushes, %d concurrent requests (JDK HttpClient, zerodep
        aes128gcm + VAPID) to the push service fake, which decrypts each; %d cores
        | measurement                                  | bare loop      | dispatcher-push |
        |----------------------------------------------|----------------|-----------------|
        | pushes per second                            | %,10.0f     | %,10.0f      |
        | CPU per push, whole process (µs)             | %,10.0f     | %,10.0f      |
        | pushes received / distinct subscriptions     | %,d / %,d | %,d / %,d |
        | dispatcher / bare loop                       |                | %10.2f x    |
        %n""", pushes, CONCURRENCY, Runtime.getRuntime().availableProcessors(),
        bare.pushesPerSecond(), dispatched.pushesPerSecond(), bare.cpuMicrosPerPush(),
        dispatched.cpuMicrosPerPush(), bare.received(), bare.distinct(), dispatched.received(),
        dispatched.distinct(), dispatched.pushesPerSecond() / bare.pushesPerSecond());
  }

  private static ConfigurableApplicationContext dispatcher(InProcessKafkaBroker broker,
                                                           VapidKeys vapid) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
    properties.put("tocsin.dispatcher.instance-id", "push-bench");
    properties.put("tocsin.dispatcher.topic-partitions", PARTITIONS);
    properties.put("tocsin.push.vapid.public-key", vapid.publicKey());
    properties.put("tocsin.push.vapid.private-key", vapid.privateKey());
    properties.put("tocsin.push.allow-insecure-endpoints", true);
    properties.put("tocsin.push.max-concurrent-requests", CONCURRENCY);
    properties.put("tocsin.push.default-service.max-concurrent-requests", CONCURRENCY);
    properties.put("management.endpoints.web.exposure.include", "health");
    String[] arguments = properties.entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(DispatcherPushApplication.class).run(arguments);
  }

  private static List<DeliveryTask> tasks(List<FakeSubscription> subscriptions) {
    Instant now = Instant.now();
    Message message = Message.newBuilder().setLanguage("en").setSenderName(null)
        .setHeadline("[TEST] Monthly test of Tocsin")
        .setDescription("This is the monthly test of Tocsin, the public warning system.")
        .setInstruction("Nothing to do.").setShortText("TEST: monthly test of Tocsin.")
        .setWeb(null).build();
    List<DeliveryTask> tasks = new ArrayList<>(subscriptions.size());
    for (int i = 0; i < subscriptions.size(); i++) {
      FakeSubscription subscription = subscriptions.get(i);
      String subscriberId = "sub-" + i;
      tasks.add(new DeliveryTask(TaskIds.forAlert("bench", 1, subscriberId, Channel.PUSH),
          TaskKind.ALERT, Channel.PUSH, Lane.NORMAL, subscriberId, subscription.endpoint(),
          new PushKeys(subscription.p256dh(), subscription.auth()), "bench", 1, "bench-1",
          AlertStatus.TEST, MessageType.ALERT, Severity.MINOR, message, List.of(), now,
          now.plus(Duration.ofHours(1))));
    }
    return tasks;
  }

  private static SubscriberChanged subscriber(int i, FakeSubscription subscription) {
    return SubscriberChanged.newBuilder()
        .setSubscriberId("sub-" + i).setRevision(1).setChangedAt(Instant.now())
        .setLanguage("en")
        .setContacts(List.of(new Contact(Channel.PUSH, subscription.endpoint(), true,
            new PushKeys(subscription.p256dh(), subscription.auth()))))
        .setLocations(new ArrayList<>(List.of(new Location("home", new Coordinate(50.85, 4.35)))))
        .setZones(List.of()).setDeclinedCategories(List.of()).setAccessibility(List.of())
        .build();
  }

  /** Pushes per second between the first and the last one the fake accepted. */
  private static double rate(List<ReceivedPush> received) {
    Instant first = received.getFirst().receivedAt();
    Instant last = received.getLast().receivedAt();
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    return (received.size() - 1) / Math.max(seconds, 1e-3);
  }

  private static KafkaProducer<byte[], byte[]> producer(InProcessKafkaBroker broker) {
    return new KafkaProducer<>(Map.of(
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

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic,
                               String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
