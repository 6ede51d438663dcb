package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.subscriptions.Registrations.email;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.subscriptions.Api.Response;
import org.tocsin.subscriptions.Registrations.Registered;

/**
 * Whether an address is registered cannot be told from how long the management endpoints take
 * to answer. Requests for registered and unregistered addresses are sent in one shuffled
 * sequence (so that load, warm-up and garbage collection fall on both alike), and the two
 * timing distributions are compared by their probability of superiority: the chance that an
 * answer for a registered address takes longer than one for an unregistered address, which is
 * also the best an observer of one answer's timing can do to tell them apart. Equal
 * distributions give 0.5 with a standard deviation that follows from the sample sizes; the
 * test allows {@value #ALLOWED_DEVIATIONS} of those, which equal distributions exceed about
 * once in 150,000 runs, while one extra database write per registered address (a few hundred
 * microseconds) moves it far beyond.
 */
@ServiceIT
class ManagementTimingIT {

  private static final int ADDRESSES_PER_KIND = 80;
  /** Code requests per address: codes-per-contact allows five an hour, registration took one. */
  private static final int CODE_REQUESTS_PER_ADDRESS = 4;
  /** Wrong codes per address: five count, the sixth meets a locked code. */
  private static final int WRONG_CODES_PER_ADDRESS = 6;
  private static final double ALLOWED_DEVIATIONS = 4.5;

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Test
  void managementCodesAndSessionsTakeAsLongForUnregisteredAddressesAsForRegisteredOnes() {
    List<String> registered = registerAndVerify(ADDRESSES_PER_KIND);
    List<String> unregistered = new ArrayList<>();
    for (int i = 0; i < ADDRESSES_PER_KIND; i++) {
      unregistered.add(Numbers.randomEmail());
    }
    Random random = new Random(port);
    warmUp();

    Timings codes = measure(registered, unregistered, CODE_REQUESTS_PER_ADDRESS, random,
        address -> Api.fromRandomClient(port).post("/api/v1/management/codes",
            Map.of("contact", email(address))));
    Timings sessions = measure(registered, unregistered, WRONG_CODES_PER_ADDRESS, random,
        address -> Api.fromRandomClient(port).post("/api/v1/management/sessions",
            Map.of("contact", email(address), "code", "000000")));

    assertThat(codes.answers).as("answers to code requests").first().asString()
        .startsWith("202");
    assertThat(codes.answers.stream().distinct()).as("answers to code requests").hasSize(1);
    assertThat(sessions.answers).as("answers to wrong codes").first().asString()
        .startsWith("400");
    assertThat(sessions.answers.stream().distinct()).as("answers to wrong codes").hasSize(1);
    codes.assertIndistinguishable("POST /api/v1/management/codes");
    sessions.assertIndistinguishable("POST /api/v1/management/sessions");
  }

  private List<String> registerAndVerify(int count) {
    Map<String, Registered> registrations = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String address = Numbers.randomEmail();
      registrations.put(address, new Registrations(Api.fromRandomClient(port), null)
          .register("en", List.of(email(address))));
    }
    KafkaTopicsReader topics = new KafkaTopicsReader(bootstrapServers);
    Map<String, DeliveryTask> tasks = new HashMap<>();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (tasks.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, DeliveryTask> record
          : topics.readAll(Topics.DEFAULTS.verifications(Channel.EMAIL))) {
        if (registrations.containsKey(record.key())) {
          tasks.put(record.key(), record.value());
        }
      }
    }
    assertThat(tasks).as("verification messages").hasSize(count);
    for (Map.Entry<String, Registered> entry : registrations.entrySet()) {
      Response verified = Api.fromRandomClient(port).post("/api/v1/verifications",
          Map.of("contactId", entry.getValue().contacts().get(0).id(),
              "code", KafkaTopicsReader.codeIn(tasks.get(entry.getKey()))));
      assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }
    return new ArrayList<>(registrations.keySet());
  }

  /** Requests for addresses that are not part of the measurement, until the code paths ran hot. */
  private void warmUp() {
    for (int i = 0; i < 50; i++) {
      String address = Numbers.randomEmail();
      Api.fromRandomClient(port).post("/api/v1/management/codes",
          Map.of("contact", email(address)));
      Api.fromRandomClient(port).post("/api/v1/management/sessions",
          Map.of("contact", email(address), "code", "000000"));
    }
  }

  private static Timings measure(List<String> registered, List<String> unregistered,
                                 int perAddress, Random random,
                                 java.util.function.Function<String, Response> request) {
    List<Map.Entry<String, Boolean>> sequence = new ArrayList<>();
    for (int i = 0; i < perAddress; i++) {
      registered.forEach(address -> sequence.add(Map.entry(address, true)));
      unregistered.forEach(address -> sequence.add(Map.entry(address, false)));
    }
    Collections.shuffle(sequence, random);
    Timings timings = new Timings();
    for (Map.Entry<String, Boolean> step : sequence) {
      long start = System.nanoTime();
      Response response = request.apply(step.getKey());
      long nanos = System.nanoTime() - start;
      (step.getValue() ? timings.registered : timings.unregistered).add(nanos);
      timings.answers.add(response.status() + " " + response.text());
    }
    return timings;
  }

  private static final class Timings {

    final List<Long> registered = new ArrayList<>();
    final List<Long> unregistered = new ArrayList<>();
    final List<String> answers = new ArrayList<>();

    /** P(registered takes longer) + half the ties, from the ranks of both samples. */
    double superiority() {
      long greater = 0;
      long ties = 0;
      for (long r : registered) {
        for (long u : unregistered) {
          if (r > u) {
            greater++;
          } else if (r == u) {
            ties++;
          }
        }
      }
      return (greater + ties / 2.0) / ((double) registered.size() * unregistered.size());
    }

    /** Its standard deviation when both samples come from one distribution. */
    double nullDeviation() {
      double n1 = registered.size();
      double n2 = unregistered.size();
      return Math.sqrt((n1 + n2 + 1) / (12 * n1 * n2));
    }

    void assertIndistinguishable(String endpoint) {
      double superiority = superiority();
      double allowed = ALLOWED_DEVIATIONS * nullDeviation();
      assertThat(Math.abs(superiority - 0.5))
          .as("%s: registered addresses took longer in %.3f of pairs (medians %.0f µs "
                  + "registered, %.0f µs unregistered; %d and %d requests); allowed 0.5 ± %.3f",
              endpoint, superiority, median(registered) / 1000.0,
              median(unregistered) / 1000.0, registered.size(), unregistered.size(), allowed)
          .isLessThanOrEqualTo(allowed);
    }

    private static double median(List<Long> values) {
      List<Long> sorted = values.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }
}
