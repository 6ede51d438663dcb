package org.tocsin.deliverytracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.tocsin.deliverytracker.deadletter.KafkaDeadLetterRecords;
import org.tocsin.deliverytracker.support.Alerts;
import org.tocsin.deliverytracker.support.TestIssuer;
import org.tocsin.deliverytracker.support.TrackerHarness;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.Message;
import org.tocsin.events.v1.MessageType;
import org.tocsin.events.v1.Severity;
import org.tocsin.events.v1.TaskKind;
import org.tocsin.testing.kafka.KafkaBrokers;
import tools.jackson.databind.JsonNode;

class DeadLetterReplayIT extends TrackerHarness {

  @Test
  void anAdminReplaysAnAlertsDeadLettersOnceToTheirLaneButNeverATaskAlreadySent() {
    String alertId = "TOCSIN-" + UUID.randomUUID();
    Instant issued = Instant.now();
    events.send(topics.alerts(), alertId, Alerts.alert(alertId, AlertStatus.ACTUAL, issued,
        List.of()));
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String taskId = UUID.randomUUID().toString();
      tasks.add(taskId);
      RecordHeaders headers = new RecordHeaders();
      headers.add("kafka_dlt-original-topic", topics.deliveries(Channel.SMS, Lane.HIGH).name()
          .getBytes(StandardCharsets.UTF_8));
      headers.add("kafka_dlt-exception-message", ("Listener failed; nested exception is "
          + "DeliveryFailedException: 20500: provider unavailable").getBytes(
          StandardCharsets.UTF_8));
      events.send(topics.deadLetters(Channel.SMS), "+3247000000" + i, task(taskId, alertId,
          issued), headers);
    }
    // The third was sent after all (a retry that raced the dead-lettering).
    events.send(topics.deliveryStatus(), tasks.get(2), DeliveryStatus.newBuilder()
        .setTaskId(tasks.get(2)).setOutcome(DeliveryOutcome.SENT).setAt(issued)
        .setChannel(Channel.SMS).setLane(Lane.HIGH).setKind(TaskKind.ALERT)
        .setAlertId(alertId).setAlertVersion(1).setSubscriberId("sub-2").setZoneIds(List.of())
        .setAttempt(2).setProvider("twilio-primary").setProviderMessageId("SM2")
        .setErrorCode(null).setReason(null).setFanOut(null).build());
    events.flush();

    String list = "/api/v1/deliveries/dead-letters?channel=SMS&alertId=" + alertId;
    JsonNode letters = awaitJson(list, auditor(), answer -> answer.size() == 3, SHOWN_WITHIN);
    assertThat(letters.get(0).path("errorCode").asText()).isEqualTo("20500");
    assertThat(letters.get(0).path("reason").asText()).isEqualTo("provider unavailable");
    assertThat(letters.toString()).doesNotContain("+3247");
    awaitJson("/api/v1/deliveries/" + alertId + "/versions/1/channels/SMS", auditor(),
        series -> series.path("counts").path("SENT").asLong() == 1, SHOWN_WITHIN);

    String body = "{\"reason\": \"provider back\", \"alertId\": \"" + alertId + "\"}";
    assertThat(post("/api/v1/deliveries/dead-letters/replays", operator(), body).statusCode())
        .isEqualTo(403);
    assertThat(post("/api/v1/deliveries/dead-letters/replays", admin(),
        "{\"reason\": \"both\", \"alertId\": \"" + alertId + "\", \"letters\": [{\"topic\": \"t\","
            + " \"partition\": 0, \"offset\": 0}]}").statusCode()).isEqualTo(400);
    var first = post("/api/v1/deliveries/dead-letters/replays", admin(), body);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode report = json.readTree(first.body());
    assertThat(report.path("replayed").asInt()).isEqualTo(2);
    assertThat(outcomeOf(report, tasks.get(2))).isEqualTo("ALREADY_SENT");

    JsonNode again = json.readTree(post("/api/v1/deliveries/dead-letters/replays", admin(), body)
        .body());
    assertThat(again.path("replayed").asInt()).isZero();

    List<ConsumerRecord<byte[], byte[]>> onLane = readAll(topics.deliveries(Channel.SMS,
        Lane.HIGH).name());
    assertThat(onLane).hasSize(2);
    List<String> replayedTasks = onLane.stream().map(record -> topics.deliveries(Channel.SMS,
        Lane.HIGH).valueSerde().deserializer().deserialize(record.topic(), record.value())
        .getTaskId()).toList();
    assertThat(replayedTasks).containsExactlyInAnyOrder(tasks.get(0), tasks.get(1));
    assertThat(onLane).allSatisfy(record -> {
      assertThat(record.headers().lastHeader(KafkaDeadLetterRecords.REPLAY_HEADER)).isNotNull();
      assertThat(record.headers().lastHeader("kafka_dlt-original-topic")).isNull();
    });

    JsonNode audit = getJson("/api/v1/deliveries/dead-letters/replays", auditor());
    assertThat(audit.get(0).path("person").asText()).isEqualTo("adam");
    assertThat(audit.get(1).path("reason").asText()).isEqualTo("provider back");
    assertThat(audit.get(1).path("replayed").asInt()).isEqualTo(2);
    JsonNode waiting = getJson(list + "&waitingOnly=true", auditor());
    assertThat(waiting.size()).isZero();
  }

  @Test
  void supportLooksUpOneContactOfAnAlertMaskedAndAudited() {
    String alertId = "TOCSIN-" + UUID.randomUUID();
    Instant issued = Instant.now();
    events.send(topics.alerts(), alertId, Alerts.alert(alertId, AlertStatus.ACTUAL, issued,
        List.of()));
    String wanted = UUID.randomUUID().toString();
    DeliveryTask task = DeliveryTask.newBuilder(task(wanted, alertId, issued))
        .setRecipient("+32471234567").build();
    events.send(topics.deliveries(Channel.SMS, Lane.HIGH), task.getRecipient(), task);
    events.send(topics.deliveries(Channel.SMS, Lane.HIGH), "+32479999999",
        task(UUID.randomUUID().toString(), alertId, issued));
    events.flush();
    awaitJson("/api/v1/deliveries/" + alertId + "/versions/1/channels/SMS", operator(),
        series -> series.path("counts").path("QUEUED").asLong() == 2, SHOWN_WITHIN);

    String path = "/api/v1/deliveries/" + alertId + "/lookups";
    String body = "{\"channel\": \"SMS\", \"contact\": \"+32471234567\"}";
    assertThat(post(path, auditor(), body).statusCode()).isEqualTo(403);
    var response = post(path, operator(), body);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("+32471234567");
    JsonNode result = json.readTree(response.body());
    assertThat(result.path("maskedContact").asText()).isEqualTo("+32*******67");
    assertThat(result.path("complete").asBoolean()).isTrue();
    assertThat(result.path("tasks")).hasSize(1);
    assertThat(result.path("tasks").get(0).path("taskId").asText()).isEqualTo(wanted);
    assertThat(result.path("tasks").get(0).path("categories").toString()).contains("QUEUED");
    assertThat(post("/api/v1/deliveries/unknown-alert/lookups", operator(), body).statusCode())
        .isEqualTo(404);

    JsonNode audit = getJson("/api/v1/deliveries/lookups", auditor());
    assertThat(audit.toString()).contains("+32*******67").doesNotContain("+32471234567");
  }

  private static String outcomeOf(JsonNode report, String taskId) {
    for (JsonNode item : report.path("items")) {
      if (item.path("taskId").asText().equals(taskId)) {
        return item.path("outcome").asText();
      }
    }
    return null;
  }

  /** Everything on the topic now: its end offsets are read first, then up to them. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokers.shared().bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + SHOWN_WITHIN.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static String auditor() {
    return TestIssuer.shared().token("aude", "AUDITOR");
  }

  private static DeliveryTask task(String taskId, String alertId, Instant issued) {
    return DeliveryTask.newBuilder().setTaskId(taskId).setKind(TaskKind.ALERT)
        .setChannel(Channel.SMS).setLane(Lane.HIGH).setSubscriberId("sub-" + taskId)
        .setRecipient("+32470000000").setPushKeys(null).setAlertId(alertId).setAlertVersion(1)
        .setIdentifier(alertId).setStatus(AlertStatus.ACTUAL).setMsgType(MessageType.ALERT)
        .setSeverity(Severity.EXTREME).setMessage(Message.newBuilder().setLanguage("en")
            .setSenderName("Tocsin").setHeadline("Flood").setDescription("Flood")
            .setInstruction(null).setShortText("Flood").setWeb(null).build())
        .setZoneIds(List.of()).setCreatedAt(issued).setExpires(issued.plusSeconds(3600))
        .build();
  }
}
