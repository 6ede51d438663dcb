package org.tocsin.benchmarks.dispatch;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.tocsin.dispatcher.directory.SubscriberDirectory;
import org.tocsin.dispatcher.fanout.TaskIds;
import org.tocsin.dispatchersms.twilio.TwilioClients;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.Contact;
import org.tocsin.events.v1.Coordinate;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Location;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.twilio.SentSms;

/**
 * Sending throughput against the Twilio fake: the dispatcher with no rate limit of its own
 * against a bare loop of the Twilio SDK at the same concurrency, then the dispatcher against the
 * fake limited to 1,000 messages per second.
 */
final class SendingBenchmark {

  private static final int CONCURRENCY = 64;
  private static final String TEXT = "TEST: monthly test of Tocsin, the public warning system.";

  private SendingBenchmark() {
  }

  static void run(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int limitedTasks = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int limit = 1_000;
    try (Bench bench = new Bench()) {
      for (int i = 0; i < tasks + limitedTasks; i++) {
        bench.send(bench.topics.subscriptions(), "sub-" + i, subscriber(i));
      }
      bench.flush();

      double bare = bareLoop(bench, tasks);
      bench.fake.reset();

      publishTasks(bench, "bench-unlimited", 0, tasks);
      try (ConfigurableApplicationContext dispatcher = bench.startDispatcher(java.util.Map.of(
          "tocsin.sms.primary.messages-per-second", 0,
          "tocsin.sms.primary.max-concurrent-requests", CONCURRENCY))) {
      SubscriberDirectory directory = dispatcher.getBean(SubscriberDirectory.class);
      Bench.await("directory restored", Duration.ofMinutes(5),
          () -> directory.size() == tasks + limitedTasks);
      Bench.await("every message sent", Duration.ofMinutes(10),
          () -> bench.fake.messageCount() >= tasks);
      double dispatched = rate(bench.fake.messages());

      bench.fake.reset();
      bench.fake.rateLimitPerSecond(limit);
      publishTasks(bench, "bench-limited", tasks, limitedTasks);
      Bench.await("every limited message sent", Duration.ofMinutes(10),
          () -> bench.fake.messageCount() >= limitedTasks);
      Thread.sleep(2000);
      List<SentSms> limited = bench.fake.messages();
      double limitedRate = rate(limited);
      long distinct = limited.stream().map(SentSms::to).distinct().count();
      MeterRegistry meters = dispatcher.getBean(MeterRegistry.class);
      double failed = Search.in(meters).name("tocsin.dispatcher.tasks").tag("outcome", "failed")
          .counters().stream().mapToDouble(c -> c.count()).sum();

      System.out.printf("""

          Sending, %,d tasks, %d concurrent requests (Twilio SDK against the local fake)
          | measurement                                   | result          |
          |-----------------------------------------------|-----------------|
          | bare loop of the Twilio SDK                   | %,10.0f SMS/s |
          | dispatcher-sms, no rate limit                 | %,10.0f SMS/s |
          | dispatcher / bare loop                        | %10.2f x    |
          | fake limited to %,d msg/s: achieved            | %,10.0f SMS/s |
          | ... share of the limit                        | %10.1f %%    |
          | ... 429 answers / messages lost / duplicates  | %,d / %,d / %,d |
          | ... failed tasks                              | %10.0f      |
          %n""", tasks, CONCURRENCY, bare, dispatched, dispatched / bare, limit, limitedRate,
          100 * limitedRate / limit, bench.fake.rateLimitedCount(), limitedTasks - distinct,
          limited.size() - distinct, failed);
      }
    }
  }

  private static double bareLoop(Bench bench, int count) throws InterruptedException {
    TwilioRestClient client = TwilioClients.create(new TwilioClients.Connection(
        bench.fake.accountSid(), bench.fake.authToken(), null, null, bench.fake.baseUrl(),
        CONCURRENCY, Duration.ofSeconds(2), Duration.ofSeconds(10)));
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < CONCURRENCY; t++) {
        threads.execute(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            Message.creator(bench.fake.accountSid(), new PhoneNumber(Population.number(i)),
                new PhoneNumber("Tocsin"), TEXT).create(client);
          }
        });
      }
    }
    return rate(bench.fake.messages());
  }

  /** Messages per second between the first and the last one the fake accepted. */
  private static double rate(List<SentSms> messages) {
    Instant first = messages.getFirst().acceptedAt();
    Instant last = messages.getLast().acceptedAt();
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    return (messages.size() - 1) / Math.max(seconds, 1e-3);
  }

  private static void publishTasks(Bench bench, String alertId, int from, int count) {
    Instant now = Instant.now();
    org.tocsin.events.v1.Message message = org.tocsin.events.v1.Message.newBuilder()
        .setLanguage("en").setSenderName(null).setHeadline("Tocsin test")
        .setDescription(TEXT).setInstruction(null).setShortText(TEXT).setWeb(null).build();
    for (int i = from; i < from + count; i++) {
      String subscriberId = "sub-" + i;
      DeliveryTask task = new DeliveryTask(TaskIds.forAlert(alertId, 1, subscriberId,
          Channel.SMS), TaskKind.ALERT, Channel.SMS, Lane.NORMAL, subscriberId,
          Population.number(i), null, alertId, 1, alertId + "-1", AlertStatus.TEST,
          MessageType.ALERT, Severity.MINOR, message, List.of(), now,
          now.plus(Duration.ofHours(1)));
      bench.send(bench.topics.deliveries(Channel.SMS, Lane.NORMAL), task.getRecipient(), task);
    }
    bench.flush();
  }

  private static SubscriberChanged subscriber(int i) {
    return SubscriberChanged.newBuilder()
        .setSubscriberId("sub-" + i).setRevision(1).setChangedAt(Instant.now())
        .setLanguage("en")
        .setContacts(List.of(new Contact(Channel.SMS, Population.number(i), true, null)))
        .setLocations(new ArrayList<>(List.of(new Location("home",
            new Coordinate(50.85, 4.35)))))
        .setZones(List.of()).setDeclinedCategories(List.of()).setAccessibility(List.of())
        .build();
  }

}
