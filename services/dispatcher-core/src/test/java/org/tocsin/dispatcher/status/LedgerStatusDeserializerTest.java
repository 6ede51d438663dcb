package org.tocsin.dispatcher.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.tocsin.dispatcher.ledger.LedgerEntry;
import org.tocsin.events.serde.EventSerializer;
import org.tocsin.events.serde.EventTypes;
import org.tocsin.events.serde.UnknownSchemaException;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.DeliveryOutcome;
import org.tocsin.events.v1.DeliveryStatus;
import org.tocsin.events.v1.FanOutReport;
import org.tocsin.events.v1.Lane;
import org.tocsin.events.v1.TaskKind;

class LedgerStatusDeserializerTest {

  private final EventSerializer<DeliveryStatus> serializer = new EventSerializer<>();
  private final LedgerStatusDeserializer deserializer =
      new LedgerStatusDeserializer(Channel.SMS, "me");

  @Test
  void readsWhatTheLedgerKeepsExactlyAsAFullDecodingWould() {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      DeliveryStatus status = status(Channel.SMS,
          DeliveryOutcome.values()[1 + random.nextInt(7)], random.nextBoolean() ? "a-" + i : null,
          random.nextInt(5), random.nextBoolean() ? "s-" + i + "-ü" : null)
          .setLane(random.nextBoolean() ? Lane.HIGH : null).setZoneIds(List.of("z" + i))
          .setReason(random.nextBoolean() ? "reason " + i : null).build();

      assertThat(read(status, "someone else")).isEqualTo(LedgerEntry.of(status));
    }
  }

  @Test
  void leavesOtherChannelsFanOutReportsAndItsOwnStatusesAside() {
    DeliveryStatus email = status(Channel.EMAIL, DeliveryOutcome.SENT, "a", 1, "s").build();
    DeliveryStatus report = status(Channel.SMS, DeliveryOutcome.FANNED_OUT, "a", 1, null)
        .setFanOut(new FanOutReport(3L, java.util.Map.of(), 1L, 2L)).build();
    DeliveryStatus own = status(Channel.SMS, DeliveryOutcome.SENT, "a", 1, "s").build();

    assertThat(read(email, "someone else")).isNull();
    assertThat(read(report, "someone else")).isNull();
    assertThat(read(own, "me")).isNull();
    assertThat(read(own, "someone else")).isNotNull();
  }

  @Test
  void readsEveryReleasedSchemaVersionByItsPrefix() {
    assertThat(EventTypes.of(DeliveryStatus.class).releasedSchemas())
        .allSatisfy(schema -> assertThat(LedgerStatusDeserializer.readsPrefixOf(schema)).isTrue());
  }

  @Test
  void refusesWhatIsNotAStatusWithTheErrorsTheQuarantineTellsApart() {
    byte[] encoded = serializer.serialize("t", status(Channel.SMS, DeliveryOutcome.SENT, "a", 1,
        "s").build());
    byte[] newer = encoded.clone();
    newer[5] ^= 0x55;
    byte[] truncated = java.util.Arrays.copyOf(encoded, 14);

    assertThatThrownBy(() -> deserializer.deserialize("t", "not avro".getBytes(
        StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> deserializer.deserialize("t", newer))
        .isInstanceOf(UnknownSchemaException.class);
    assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
  }

  private LedgerEntry read(DeliveryStatus status, String origin) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(StatusPublisher.ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
    return deserializer.deserialize("t", headers, serializer.serialize("t", status));
  }

  private static DeliveryStatus.Builder status(Channel channel, DeliveryOutcome outcome,
                                               String alertId, int version,
                                               String subscriberId) {
    return DeliveryStatus.newBuilder().setTaskId("task-" + alertId + "-" + subscriberId)
        .setOutcome(outcome).setAt(Instant.now()).setChannel(channel).setLane(Lane.NORMAL)
        .setKind(alertId == null ? TaskKind.VERIFICATION : TaskKind.ALERT).setAlertId(alertId)
        .setAlertVersion(version).setSubscriberId(subscriberId).setZoneIds(List.of())
        .setAttempt(1).setProvider(null).setProviderMessageId(null).setErrorCode(null)
        .setReason(null).setFanOut(null);
  }
}
