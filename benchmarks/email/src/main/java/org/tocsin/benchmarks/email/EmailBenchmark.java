package org.tocsin.benchmarks.email;

import com.sun.management.OperatingSystemMXBean;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.tocsin.dispatcheremail.DispatcherEmailApplication;
import org.tocsin.dispatcheremail.smtp.MailStreamProviders;
import org.tocsin.dispatcheremail.rendering.EmailRenderer;
import org.tocsin.dispatcheremail.rendering.RenderedEmail;
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
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.kafka.InProcessKafkaBroker;

/**
 * E-mails to a local SMTP sink: dispatcher-email, reading its tasks from Kafka, against a bare
 * loop of Jakarta Mail at the same concurrency that keeps one connection per thread open for as
 * many messages as the dispatcher's default, in the same JVM and the same run. Prints mails per
 * second and the process's CPU time per mail. Arguments: the number of mails (default 100,000)
 * and the concurrent connections (default 16).
 */
public final class EmailBenchmark {

  /** The dispatcher's default of {@code tocsin.email.connections.max-messages}. */
  static final int MESSAGES_PER_CONNECTION = 100;
  private static final int PARTITIONS = 6;
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EmailBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int mails = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    // As dispatcher-email's main does, for both phases alike.
    MailStreamProviders.nameAngus();
    int status = 1;
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start();
         SmtpSink sink = new SmtpSink()) {
      Result result = run(broker, sink, mails, concurrency);
      System.out.println(result.table());
      status = result.complete() ? 0 : 2;
    } finally {
      System.exit(status);
    }
  }

  /** One phase: what the sink received and what it cost. */
  record Phase(double mailsPerSecond, long cpuNanos, int received, int distinct,
               int connections) {

    double cpuMicrosPerMail() {
      return cpuNanos / 1e3 / Math.max(1, received);
    }
  }

  record Result(int mails, int concurrency, Phase bare, Phase dispatched) {

    boolean complete() {
      return bare.received() == mails && bare.distinct() == mails
          && dispatched.received() == mails && dispatched.distinct() == mails;
    }

    String table() {
      return String.format("""

          E-mail sending, %,d mails, %d concurrent SMTP connections (Jakarta Mail) to a local
          SMTP sink, at most %d messages per connection; %d cores
          | measurement                                  | bare loop      | dispatcher-email |
          |----------------------------------------------|----------------|------------------|
          | mails per second                             | %,10.0f     | %,10.0f       |
          | CPU per mail, whole process (µs)             | %,10.0f     | %,10.0f       |
          | mails received / distinct Message-IDs        | %,d / %,d | %,d / %,d |
          | SMTP connections opened                      | %,10d     | %,10d       |
          | dispatcher / bare loop                       |                | %10.2f x     |
          """, mails, concurrency, MESSAGES_PER_CONNECTION,
          Runtime.getRuntime().availableProcessors(), bare.mailsPerSecond(),
          dispatched.mailsPerSecond(), bare.cpuMicrosPerMail(), dispatched.cpuMicrosPerMail(),
          bare.received(), bare.distinct(), dispatched.received(), dispatched.distinct(),
          bare.connections(), dispatched.connections(),
          dispatched.mailsPerSecond() / bare.mailsPerSecond());
    }
  }

  static Result run(InProcessKafkaBroker broker, SmtpSink sink, int mails, int concurrency)
      throws Exception {
    Topics topics = Topics.DEFAULTS;
    List<NewTopic> definitions = new ArrayList<>(topics.forChannel(Channel.EMAIL).stream()
        .map(topic -> topic.newTopic(PARTITIONS, (short) 1)).toList());
    definitions.add(topics.contactsGone().newTopic(PARTITIONS, (short) 1));
    broker.createTopics(definitions);
    List<DeliveryTask> tasks = tasks(mails);
    EmailRenderer renderer = new EmailRenderer(null, "tocsin.invalid");

    Phase bare = bareLoop(sink, renderer, tasks, concurrency);
    sink.reset();

    try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      for (int i = 0; i < mails; i++) {
        send(producer, topics.subscriptions(), "sub-" + i, subscriber(i));
      }
      producer.flush();
      try (ConfigurableApplicationContext dispatcher = dispatcher(broker, sink, concurrency)) {
        SubscriberDirectory directory = dispatcher.getBean(SubscriberDirectory.class);
        await("directory restored", Duration.ofMinutes(5), () -> directory.size() == mails);
        long cpuBefore = OS.getProcessCpuTime();
        for (DeliveryTask task : tasks) {
          send(producer, topics.deliveries(Channel.EMAIL, Lane.NORMAL), task.getRecipient(),
              task);
        }
        producer.flush();
        await("every mail received", Duration.ofMinutes(15), () -> sink.messages() >= mails);
        Phase dispatched = new Phase(sink.rate(), OS.getProcessCpuTime() - cpuBefore,
            sink.messages(), sink.distinctMessageIds(), sink.connections());
        return new Result(mails, concurrency, bare, dispatched);
      }
    }
  }

  /**
   * The same rendering and Jakarta Mail calls as the gateway, each thread on a connection of its
   * own that it replaces after as many messages as the dispatcher's, with nothing around them.
   */
  private static Phase bareLoop(SmtpSink sink, EmailRenderer renderer, List<DeliveryTask> tasks,
                                int concurrency) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", "127.0.0.1");
    properties.setProperty("mail.smtp.port", String.valueOf(sink.port()));
    Session session = Session.getInstance(properties);
    InternetAddress from = new InternetAddress("Tocsin <alerts@tocsin.invalid>");
    AtomicInteger next = new AtomicInteger();
    long cpuBefore = OS.getProcessCpuTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < concurrency; t++) {
        threads.execute(() -> {
          try {
            Transport transport = null;
            int carried = 0;
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
              if (transport == null || carried == MESSAGES_PER_CONNECTION) {
                if (transport != null) {
                  transport.close();
                }
                transport = session.getTransport("smtp");
                transport.connect();
                carried = 0;
              }
              MimeMessage message = message(session, from, renderer.render(tasks.get(i)),
                  tasks.get(i).getRecipient());
              transport.sendMessage(message, message.getAllRecipients());
              carried++;
            }
            if (transport != null) {
              transport.close();
            }
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        });
      }
    }
    return new Phase(sink.rate(), OS.getProcessCpuTime() - cpuBefore, sink.messages(),
        sink.distinctMessageIds(), sink.connections());
  }

  private static MimeMessage message(Session session, InternetAddress from, RenderedEmail email,
                                     String recipient) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient, true));
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(new Date());
    message.setContentLanguage(new String[] {email.language()});
    for (Map.Entry<String, String> header : email.headers().entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    message.setContent(new MimeMultipart("alternative", text, html));
    message.saveChanges();
    message.setHeader("Message-ID", email.messageId());
    return message;
  }

  private static ConfigurableApplicationContext dispatcher(InProcessKafkaBroker broker,
                                                           SmtpSink sink, int concurrency) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
    properties.put("tocsin.dispatcher.instance-id", "email-bench");
    properties.put("tocsin.dispatcher.topic-partitions", PARTITIONS);
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", sink.port());
    properties.put("tocsin.email.messages-per-second", 0);
    properties.put("tocsin.email.max-concurrent-connections", concurrency);
    properties.put("tocsin.email.connections.max-messages", MESSAGES_PER_CONNECTION);
    properties.put("management.endpoints.web.exposure.include", "health");
    String[] arguments = properties.entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(DispatcherEmailApplication.class).run(arguments);
  }

  private static String address(int i) {
    return "citizen-" + i + "@example.be";
  }

  private static List<DeliveryTask> tasks(int mails) {
    Instant now = Instant.now();
    Message message = Message.newBuilder().setLanguage("en").setSenderName(null)
        .setHeadline("[TEST] Monthly test of Tocsin")
        .setDescription("This is the monthly test of Tocsin, the public warning system. "
            .repeat(8))
        .setInstruction("Nothing to do: this is only a test.").setShortText("TEST: Tocsin.")
        .setWeb(null).build();
    List<DeliveryTask> tasks = new ArrayList<>(mails);
    for (int i = 0; i < mails; i++) {
      String subscriberId = "sub-" + i;
      tasks.add(new DeliveryTask(TaskIds.forAlert("bench", 1, subscriberId, Channel.EMAIL),
          TaskKind.ALERT, Channel.EMAIL, Lane.NORMAL, subscriberId, address(i), null, "bench",
          1, "bench-1", AlertStatus.TEST, MessageType.ALERT, Severity.MINOR, message,
          List.of(), now, now.plus(Duration.ofHours(1))));
    }
    return tasks;
  }

  private static SubscriberChanged subscriber(int i) {
    return SubscriberChanged.newBuilder()
        .setSubscriberId("sub-" + i).setRevision(1).setChangedAt(Instant.now())
        .setLanguage("en")
        .setContacts(List.of(new Contact(Channel.EMAIL, address(i), true, null)))
        .setLocations(new ArrayList<>(List.of(new Location("home", new Coordinate(50.85, 4.35)))))
        .setZones(List.of()).setDeclinedCategories(List.of()).setAccessibility(List.of())
        .build();
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
