package org.tocsin.dispatcher.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.dispatcher.Fixtures.at;
import static org.tocsin.dispatcher.Fixtures.garbage;
import static org.tocsin.dispatcher.Fixtures.subscriber;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.tocsin.dispatcher.TopicClient;
import org.tocsin.dispatcher.app.TestDispatcher;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;
import org.tocsin.kafka.clients.ClientTimeouts;
import org.tocsin.kafka.clients.KafkaClientDefaults;
import org.tocsin.kafka.quarantine.Quarantine;
import org.tocsin.kafka.quarantine.QuarantineReason;
import org.tocsin.kafka.quarantine.QuarantinedRecord;
import org.tocsin.kafka.worker.Recovery;
import org.tocsin.kafka.worker.RestartBackOff;
import org.tocsin.kafka.worker.WorkerState;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.kafka.KafkaBroker;

@ExtendWith(RealInfrastructure.class)
class TopicFollowerIT {

  private static final Duration WAIT = ClientTimeouts.defaults().producerFailureBound()
      .multipliedBy(2);

  private final String prefix = "follower-" + Long.toHexString(System.nanoTime());
  private final Topics topics = TestDispatcher.topics(prefix);
  private TopicFollower<SubscriberChanged> follower;

  @AfterEach
  void stop() {
    if (follower != null) {
      follower.stop();
    }
  }

  @Test
  void catchesUpThenFollowsQuarantiningWhatItCannotDecodeOrHandleAndHandlingTheRest(
      KafkaBroker broker) throws Exception {
    TestDispatcher.createTopics(broker, topics);
    Map<String, Object> servers = Map.of("bootstrap.servers", broker.bootstrapServers());
    KafkaClientDefaults clients = new KafkaClientDefaults(servers, servers, servers,
        ClientTimeouts.defaults());
    Quarantine quarantine = new Quarantine(topics.quarantine(), new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(clients.producer("quarantine"),
            new ByteArraySerializer(), new ByteArraySerializer())), new SimpleMeterRegistry(),
        ClientTimeouts.defaults().producerFailureBound());
    List<String> handled = new CopyOnWriteArrayList<>();
    try (TopicClient kafka = new TopicClient(broker.bootstrapServers())) {
      for (String id : List.of("a", "poison", "b")) {
        kafka.send(topics.subscriptions(), id, subscriber(id, Channel.SMS,
            "+3247000000" + id.length(), "nl", at(50, 4)).build());
      }
      kafka.sendRaw(topics.subscriptions().name(), "garbage".getBytes(StandardCharsets.UTF_8),
          garbage());
      kafka.flush();

      follower = new TopicFollower<>("test-follower", clients.consumer("test-follower"),
          topics.subscriptions(), CompletableFuture.completedFuture(null),
          () -> TopicFollower.BEGINNING, batch -> {
            for (ConsumerRecord<String, SubscriberChanged> record : batch) {
              if (record.key().equals("poison")) {
                throw new IllegalStateException("the directory cannot take this one");
              }
            }
            batch.forEach(record -> handled.add(record.key()));
          }, 0, new Recovery(quarantine, new RestartBackOff(Duration.ofMillis(100),
              Duration.ofSeconds(1))));
      follower.start();
      follower.caughtUp().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

      assertThat(Set.copyOf(handled)).containsExactlyInAnyOrder("a", "b");
      List<ConsumerRecord<byte[], byte[]>> quarantined = kafka.readUntil(topics.quarantine(),
          records -> records.size() >= 2, WAIT);
      assertThat(quarantined).extracting(record -> new String(record.key(),
          StandardCharsets.UTF_8)).containsExactlyInAnyOrder("poison", "garbage");
      assertThat(quarantined).allSatisfy(record -> assertThat(QuarantinedRecord.of(record)
          .consumer()).isEqualTo("test-follower"));
      assertThat(quarantined).extracting(record -> QuarantinedRecord.of(record).reason())
          .containsExactlyInAnyOrder(QuarantineReason.UNPROCESSABLE,
              QuarantineReason.UNDECODABLE);
      assertThat(follower.state()).isInstanceOf(WorkerState.Running.class);

      kafka.publish(topics.subscriptions(), "c", subscriber("c", Channel.SMS, "+32470000009",
          "nl", at(50, 4)).build());
      follower.awaitEverythingCommittedNow(WAIT);
      assertThat(handled).contains("c");
    }
  }
}
